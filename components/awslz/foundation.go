package awslz

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// FoundationType is the component type token of a Foundation.
const FoundationType = "policecloud:aws:Foundation"

// DefaultGatewayASN is the Amazon-side BGP AS number of the hub's Transit Gateway (which terminates the
// PSN edge VPN) when FoundationArgs.GatewayASN is 0.
const DefaultGatewayASN = 64512

// PSNEdge is the peer of the hub's site-to-site VPN to the Public Services Network.
type PSNEdge struct {
	// PeerAddress is the public IPv4 address of the PSN provider's VPN endpoint.
	PeerAddress string
	// ASN is the peer's BGP AS number.
	ASN uint32
}

// FoundationArgs are the arguments of NewFoundation. The zero value of every switch is the secure one.
type FoundationArgs struct {
	// Region is the AWS region: eu-west-2.
	Region string
	// Profile is the tier profile the foundation is held to (the strictest: Platinum).
	Profile tier.Profile
	// Plan is the landing zone's address plan; the hub VPC takes Plan.Hub.
	Plan netplan.Plan
	// Externals are the named ranges outside the landing zone (PSN, legacy data centre, ...).
	Externals []netplan.External
	// Flows are the landing zone's declared flows; the hub firewall passes exactly these (and the
	// egress allow-list), and Bronze's Transit Gateway route table routes only these.
	Flows []netplan.Flow
	// EgressDomains is the hub firewall's FQDN allow-list for Platinum and Gold internet egress.
	EgressDomains []string
	// PSNEdge is the PSN VPN peer; nil builds no PSN edge.
	PSNEdge *PSNEdge
	// GatewayASN is the Transit Gateway's Amazon-side BGP AS number, a private one (64512 to 65534 or
	// 4200000000 to 4294967294); 0 means DefaultGatewayASN.
	GatewayASN uint32
	// Tags are the provider's default tags: Force, Tier, Classification, Owner and ManagedBy at least.
	Tags map[string]string
}

// Foundation is a landing zone's shared services: keys, audit archive and trail, guard services, the
// hub network (Transit Gateway, inspection and egress VPC with AWS Network Firewall, PSN edge) and the
// Pulumi state backend.
type Foundation struct {
	pulumi.ResourceState

	// Provider is the AWS provider every child was created through: the caller's, or the foundation's
	// own when the caller gave none.
	Provider pulumi.ProviderResource

	AuditKeyARN  pulumi.StringOutput `pulumi:"auditKeyArn"`
	DataKeyARN   pulumi.StringOutput `pulumi:"dataKeyArn"`
	BackupKeyARN pulumi.StringOutput `pulumi:"backupKeyArn"`
	LogsKeyARN   pulumi.StringOutput `pulumi:"logsKeyArn"`
	// AuditBucket is the audit log archive bucket's name.
	AuditBucket pulumi.StringOutput `pulumi:"auditBucket"`
	TrailARN    pulumi.StringOutput `pulumi:"trailArn"`
	// BreakGlassRoleARN is the emergency administrator role (MFA required, alarmed).
	BreakGlassRoleARN pulumi.StringOutput `pulumi:"breakGlassRoleArn"`

	TransitGatewayID pulumi.StringOutput `pulumi:"transitGatewayId"`
	// TierRouteTableIDs maps each tier name to its Transit Gateway route table ID.
	TierRouteTableIDs pulumi.StringMapOutput `pulumi:"tierRouteTableIds"`
	// InspectionRouteTableID is the route table of the inspection VPC's attachment; tier stacks add the
	// return route to their range here.
	InspectionRouteTableID pulumi.StringOutput `pulumi:"inspectionRouteTableId"`
	HubVpcID               pulumi.StringOutput `pulumi:"hubVpcId"`
	FirewallARN            pulumi.StringOutput `pulumi:"firewallArn"`
	// PSNVpnConnectionID is the PSN VPN connection ("" without a PSN edge).
	PSNVpnConnectionID pulumi.StringOutput `pulumi:"psnVpnConnectionId"`

	// StateBucket and StateKeyARN are the Pulumi state backend: `pulumi login s3://<StateBucket>` and
	// `--secrets-provider awskms://<key id>?region=eu-west-2`.
	StateBucket pulumi.StringOutput `pulumi:"stateBucket"`
	StateKeyARN pulumi.StringOutput `pulumi:"stateKeyArn"`
}

// validate checks the arguments; every problem is reported, naming the field, the value and what is
// allowed.
func (a *FoundationArgs) validate() error {
	var errs []error
	if err := checkRegion("Region", a.Region); err != nil {
		errs = append(errs, err)
	}
	if a.Profile.Tier == "" {
		errs = append(errs, &netplan.FieldError{Path: "Profile", Msg: "is empty", Allowed: "a tier profile from tier.ProfileFor (the foundation uses platinum)"})
	} else if a.Profile.AvailabilityZones < 2 {
		errs = append(errs, &netplan.FieldError{Path: "Profile.AvailabilityZones", Value: strconv.Itoa(a.Profile.AvailabilityZones), Msg: "is too few", Allowed: "2 or more"})
	}
	if !a.Plan.Hub.CIDR.IsValid() {
		errs = append(errs, &netplan.FieldError{Path: "Plan.Hub", Msg: "has no range", Allowed: "a plan from netplan.Allocate"})
	}
	errs = append(errs, intentErrors(a.intent())...)
	if n := a.GatewayASN; n != 0 && !privateASN(n) {
		errs = append(errs, &netplan.FieldError{Path: "GatewayASN", Value: strconv.FormatUint(uint64(n), 10), Msg: "is not a private AS number",
			Allowed: fmt.Sprintf("64512 to 65534 or 4200000000 to 4294967294 (0 means %d)", DefaultGatewayASN)})
	}
	if e := a.PSNEdge; e != nil {
		addr, err := netip.ParseAddr(e.PeerAddress)
		if err != nil || !addr.Is4() || addr.IsPrivate() || !addr.IsGlobalUnicast() {
			errs = append(errs, &netplan.FieldError{Path: "PSNEdge.PeerAddress", Value: e.PeerAddress, Msg: "is not a public IPv4 address", Allowed: "the PSN provider's VPN endpoint such as 203.0.113.10"})
		}
		if own := a.gatewayASN(); e.ASN == 0 || e.ASN == own || e.ASN > 4294967294 {
			errs = append(errs, &netplan.FieldError{Path: "PSNEdge.ASN", Value: strconv.FormatUint(uint64(e.ASN), 10), Msg: "is not usable",
				Allowed: fmt.Sprintf("1 to 4294967294 except %d (the Transit Gateway's own)", own)})
		}
	}
	if a.Profile.Tier != "" {
		if _, err := logRetentionDays(a.Profile); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, checkTags("Tags", a.Tags)...)
	return errors.Join(errs...)
}

// privateASN reports whether n is a private 16-bit or 32-bit AS number, as a Transit Gateway's
// Amazon-side ASN must be.
func privateASN(n uint32) bool {
	return (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294)
}

// gatewayASN is the Transit Gateway's AS number: GatewayASN, or DefaultGatewayASN for 0.
func (a *FoundationArgs) gatewayASN() uint32 {
	if a.GatewayASN == 0 {
		return DefaultGatewayASN
	}
	return a.GatewayASN
}

// NewFoundation builds a landing zone's foundation. Invalid arguments register nothing.
//
// Every child is created through the caller's AWS provider when the caller gives one
// (pulumi.Provider or pulumi.Providers on the foundation, or one its parent holds): typically an
// assume-role provider into the landing zone's account, which must be for Region; each child then
// carries Tags itself. When the caller gives none, the foundation builds its own provider for Region
// with Tags as default tags.
func NewFoundation(ctx *pulumi.Context, name string, args *FoundationArgs, opts ...pulumi.ResourceOption) (*Foundation, error) {
	if args == nil {
		return nil, errors.New("awslz.NewFoundation: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("awslz.NewFoundation %s: invalid arguments:\n%w", name, err)
	}
	f := &Foundation{}
	if err := ctx.RegisterComponentResource(FoundationType, name, f, opts...); err != nil {
		return nil, err
	}
	prov, tags, err := provider(ctx, name, nil, opts, args.Region, args.Tags, f)
	if err != nil {
		return nil, err
	}
	f.Provider = prov
	c := child{parent: f, provider: prov, profile: args.Profile, tags: tags}
	acct, err := lookupAccount(ctx, prov, args.Region)
	if err != nil {
		return nil, fmt.Errorf("awslz.NewFoundation %s: %w", name, err)
	}
	c.accountID = acct.id

	keys, err := newFoundationKeys(ctx, c, name, acct)
	if err != nil {
		return nil, err
	}
	audit, err := newAudit(ctx, c, name, acct, args, keys)
	if err != nil {
		return nil, err
	}
	if err := newGuardServices(ctx, c, name, acct, args, keys, audit); err != nil {
		return nil, err
	}
	hub, err := newHub(ctx, c, name, acct, args, keys)
	if err != nil {
		return nil, err
	}
	state, stateKey, err := newStateBackend(ctx, c, name, acct, audit.accessLogs)
	if err != nil {
		return nil, err
	}

	f.AuditKeyARN, f.DataKeyARN, f.BackupKeyARN, f.LogsKeyARN = keys.audit.Arn, keys.data.Arn, keys.backup.Arn, keys.logs.Arn
	f.AuditBucket = audit.bucket.Bucket
	f.TrailARN = audit.trail.Arn
	f.BreakGlassRoleARN = audit.breakGlass.Arn
	f.TransitGatewayID = hub.tgw.ID().ToStringOutput()
	f.TierRouteTableIDs = hub.tierTables
	f.InspectionRouteTableID = hub.inspectionTable.ID().ToStringOutput()
	f.HubVpcID = hub.vpc.ID().ToStringOutput()
	f.FirewallARN = hub.firewall.Arn
	f.PSNVpnConnectionID = hub.psnVPN
	f.StateBucket = state.Bucket
	f.StateKeyARN = stateKey.Arn
	if err := outputs.Register(ctx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// Outputs returns the foundation's outputs by name: every field with a `pulumi:` tag, the map the
// foundation registered with RegisterResourceOutputs and the stack program exports.
func (f *Foundation) Outputs() (pulumi.Map, error) { return outputs.Map(f) }

// foundationKeys are the foundation's customer keys, one per purpose.
type foundationKeys struct{ audit, data, backup, logs *kms.Key }

func newFoundationKeys(ctx *pulumi.Context, c child, name string, a account) (*foundationKeys, error) {
	var k foundationKeys
	var err error
	trailCtx := map[string]any{"StringLike": map[string]any{
		"kms:EncryptionContext:aws:cloudtrail:arn": "arn:" + partition + ":cloudtrail:*:" + a.id + ":trail/*",
	}}
	if k.audit, err = newKey(ctx, c, name+"-audit-key", "Audit log archive and CloudTrail", a,
		a.viaServices("AccountUsesKeyThroughS3", "s3"),
		a.servicePrincipal("CloudTrailEncryptsLogs", "cloudtrail.amazonaws.com", []string{"kms:GenerateDataKey*", "kms:DescribeKey"}, trailCtx),
		a.servicePrincipal("ConfigDeliversSnapshots", "config.amazonaws.com", []string{"kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"}, nil),
	); err != nil {
		return nil, err
	}
	if k.data, err = newKey(ctx, c, name+"-data-key", "Data at rest: EBS by default, evidence, firewall", a,
		a.viaServices("AccountUsesKeyThroughServices", "ec2", "s3", "network-firewall"),
	); err != nil {
		return nil, err
	}
	if k.backup, err = newKey(ctx, c, name+"-backup-key", "AWS Backup vaults", a,
		a.viaServices("AccountUsesKeyThroughBackup", "backup"),
	); err != nil {
		return nil, err
	}
	if k.logs, err = newKey(ctx, c, name+"-logs-key", "CloudWatch Logs and alarm notifications", a,
		a.logsStatement(),
		a.servicePrincipal("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com", []string{"kms:GenerateDataKey*", "kms:Decrypt"}, nil),
	); err != nil {
		return nil, err
	}
	return &k, nil
}
