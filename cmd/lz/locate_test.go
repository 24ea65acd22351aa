package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

const locateStack = `# a stack
config:
  aws:region: eu-west-1
  landingzone:region: eu-west-2
  landingzone:tier: gold
  landingzone:supernet: 10.20.0.0/16
  landingzone:flows:
    - from: gold
      to: platinum
      protocol: tcp
      ports: "443"
    - from: gold
      to: bronze
      protocol: tcp
      ports: "1433"
  landingzone:egressDomains:
    - updates.example.org
`

func TestLocate(t *testing.T) {
	t.Parallel()
	keys := stackKeys([]byte(locateStack))
	require.NotEmpty(t, keys)
	for _, tt := range []struct {
		name      string
		pack      policy.Pack
		msg       string
		key       string
		line, col int
		found     bool
	}{
		{"quoted region beats the allow-list's", policy.PackRegion, `provider region "eu-west-1" is outside the UK allow-list (eu-west-2)`, "aws:region", 3, 3, true},
		{"the flow whose port the message names", policy.PackIsolation, "ingress[0] allows tcp 1433 from 10.20.64.0/20, which no declared flow covers", "landingzone:flows[1].ports", 15, 7, true},
		{"a CIDR", policy.PackIsolation, "route 10.20.0.0/16 reaches the hub", "landingzone:supernet", 6, 3, true},
		{"an egress domain", policy.PackIsolation, `firewall allows "updates.example.org.evil" only by prefix; allowed updates.example.org`, "landingzone:egressDomains[0]", 17, 7, true},
		{"the tier", policy.PackClassification, `Tier tag "Bronze" does not match the stack's tier; it must be Gold`, "landingzone:tier", 5, 3, true},
		{"not a whole word", policy.PackIsolation, "port 14330 is open", "", 0, 0, false},
		{"weak values alone name nothing", policy.PackIsolation, "tcp is allowed", "", 0, 0, false},
		{"two flows named alike", policy.PackIsolation, "tcp from gold is open", "", 0, 0, false},
		{"a pack no key sets", policy.PackEncryption, `key "eu-west-1" is not a CMK`, "", 0, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k, ok := locate(keys, policy.Finding{Pack: tt.pack, Message: tt.msg})
			assert.Equal(t, tt.found, ok)
			assert.Equal(t, tt.key, k.path)
			assert.Equal(t, tt.line, k.line)
			assert.Equal(t, tt.col, k.column)
		})
	}
	assert.Nil(t, stackKeys([]byte("- not a map\n")))
	assert.Nil(t, stackKeys([]byte("config: [\n")))
}
