package aws

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// encTransit is the in-transit check of one resource type and the inputs it reads.
type encTransit struct {
	Reads []string
	Check func(r *policy.Resource) policy.Result
}

// encTransits lists every type PCLZ-AWS-ENC-017 decides. Load balancer listeners (PCLZ-AWS-ENC-015) and S3
// bucket policies (PCLZ-AWS-ENC-002) have their own rules.
var encTransits = map[string]encTransit{
	typeElastiCacheReplicationGroup: {[]string{"transitEncryptionEnabled", "transitEncryptionMode"}, encTransitElastiCacheGroup},
	typeElastiCacheCluster:          {[]string{"transitEncryptionEnabled", "replicationGroupId"}, encTransitElastiCacheCluster},
	typeMemoryDBCluster: {[]string{"tlsEnabled"}, func(r *policy.Resource) policy.Result {
		return encTransitFlag(r, "tlsEnabled", true, "MemoryDB clusters must accept only TLS connections")
	}},
	typeOpenSearchDomain: {[]string{"domainEndpointOptions.enforceHttps", "domainEndpointOptions.tlsSecurityPolicy",
		"nodeToNodeEncryption.enabled"}, encTransitOpenSearch},
	typeMSKCluster: {[]string{"encryptionInfo.encryptionInTransit.clientBroker", "encryptionInfo.encryptionInTransit.inCluster"},
		encTransitMSK},
	typeRDSParameterGroup:            {[]string{"family", "parameters"}, encTransitRDSParameters},
	typeRDSClusterParameterGroup:     {[]string{"family", "parameters"}, encTransitRDSParameters},
	typeRedshiftParameterGroup:       {[]string{"parameters"}, encTransitRedshiftParameters},
	typeDocDBClusterParameterGroup:   {[]string{"parameters"}, encTransitDocDBParameters},
	typeNeptuneClusterParameterGroup: {[]string{"parameters"}, encTransitNeptuneParameters},
	typeAPIGatewayDomainName:         {[]string{"securityPolicy"}, encTransitAPIGatewayDomain},
	typeAPIGatewayV2DomainName:       {[]string{"domainNameConfiguration.securityPolicy"}, encTransitAPIGatewayV2Domain},
	typeCloudFrontDistribution:       {encCloudFrontReads, encTransitCloudFront},
	typeDMSEndpoint:                  {[]string{"engineName", "sslMode"}, encTransitDMS},
	typeEMRSecurityConfiguration:     {[]string{"configuration"}, encTransitEMR},
	typeECSTaskDefinition:            {[]string{"volumes.efsVolumeConfiguration.transitEncryption"}, encTransitECSVolumes},
}

var encCloudFrontReads = []string{
	"viewerCertificate.cloudfrontDefaultCertificate", "viewerCertificate.minimumProtocolVersion",
	"defaultCacheBehavior.viewerProtocolPolicy", "orderedCacheBehaviors.viewerProtocolPolicy",
	"origins.customOriginConfig.originProtocolPolicy", "origins.customOriginConfig.originSslProtocols",
}

// encTransitReads is what PCLZ-AWS-ENC-017 reads, for Meta.Reads.
func encTransitReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, typ := range slices.Sorted(maps.Keys(encTransits)) {
		out = append(out, policy.Reads(typ, encTransits[typ].Reads...)...)
	}
	return out
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-017",
		Title: "Encryption in transit cannot be turned off: caches, search, Kafka, database parameter groups, API and CDN endpoints",
		Description: "Data must be encrypted on every network path, inside the VPC too. ElastiCache turns TLS off unless " +
			"asked (and \"preferred\" mode still accepts plaintext); OpenSearch node-to-node encryption is off by " +
			"default and its HTTPS policy may accept TLS 1.0; MSK may be set to accept plaintext clients; RDS for " +
			"MySQL, MariaDB, SQL Server and PostgreSQL before 15, Aurora and Redshift accept unencrypted connections " +
			"unless their parameter group forces TLS, and DocumentDB and Neptune parameter groups can turn it off; " +
			"API Gateway custom domains default to TLS 1.0; CloudFront can serve or fetch over plain HTTP and its " +
			"default certificate allows TLS 1.0; DMS endpoints connect without TLS unless an sslMode is set; EMR and ECS EFS volumes " +
			"leave in-transit encryption off unless asked. An " +
			"absent setting takes the service's documented default.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: slices.Sorted(maps.Keys(encTransits)),
		Remediation: "Set `transitEncryptionEnabled: true` (and `transitEncryptionMode: \"required\"`) on ElastiCache; keep " +
			"`tlsEnabled` on MemoryDB; set OpenSearch `domainEndpointOptions.enforceHttps: true`, a " +
			"`Policy-Min-TLS-1-2-*` `tlsSecurityPolicy` and `nodeToNodeEncryption.enabled: true`; keep MSK " +
			"`clientBroker: \"TLS\"` and `inCluster: true`; set `rds.force_ssl = 1` (PostgreSQL, SQL Server) or " +
			"`require_secure_transport = 1` (MySQL, MariaDB) in RDS parameter groups, `require_ssl = true` in Redshift " +
			"parameter groups, and never `tls = disabled` (DocumentDB) or `neptune_enforce_ssl = 0` (Neptune); use " +
			"`securityPolicy: \"TLS_1_2\"` on API Gateway domains; use `redirect-to-https` or `https-only` viewer " +
			"policies, `https-only` origins with TLSv1.2 and a TLSv1.2_2021 minimum protocol on CloudFront; set DMS " +
			"`sslMode` to `verify-full`.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "ElastiCache.5"},
			{Source: "Security Hub", ID: "Opensearch.3"},
			{Source: "Security Hub", ID: "Opensearch.8"},
			{Source: "Security Hub", ID: "MSK.1"},
			{Source: "Security Hub", ID: "Redshift.2"},
			{Source: "Security Hub", ID: "CloudFront.3"},
			{Source: "Security Hub", ID: "CloudFront.9"},
			{Source: "AWS Config", ID: "elasticache-repl-grp-encrypted-in-transit"},
			{Source: "AWS Config", ID: "redshift-require-tls-ssl"},
			{Source: "Checkov", ID: "CKV_AWS_30"},
			{Source: "Checkov", ID: "CKV_AWS_6"},
			{Source: "Checkov", ID: "CKV_AWS_206"},
		},
		Waivable: true,
		Reads:    encTransitReads(),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		t, ok := encTransits[r.Type]
		if !ok {
			return policy.NotApplicable("not a resource this rule covers")
		}
		return t.Check(r)
	},
})

// encTransitFlag decides a boolean that must be want, with def its documented default.
func encTransitFlag(r *policy.Resource, name string, def bool, req string) policy.Result {
	path := encDotted(nil, name)
	on, k := encBoolish(r.Get(path...))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; %s", name, req)
	case k == policy.Absent && !def:
		return policy.Fail("%s is not set (default false); %s", name, req)
	case k == policy.Absent:
		return policy.Pass("%s is not set (default true)", name)
	case !on:
		return policy.Fail("%s is false; %s", name, req)
	}
	return policy.Pass("%s is true", name)
}

func encTransitElastiCacheGroup(r *policy.Resource) policy.Result {
	const req = "caches must accept only TLS connections"
	if res := encTransitFlag(r, "transitEncryptionEnabled", false, req); res.Status != policy.StatusPass {
		return res
	}
	mode, k := policy.Str(r.Get("transitEncryptionMode"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("transitEncryptionMode is computed; %s", req)
	case strings.EqualFold(mode, "preferred"):
		return policy.Fail("transitEncryptionMode is \"preferred\", which still accepts plaintext connections; set it to \"required\"")
	}
	return policy.Pass("transitEncryptionEnabled is true")
}

func encTransitElastiCacheCluster(r *policy.Resource) policy.Result {
	g := r.Get("replicationGroupId")
	if s, k := policy.Str(g); g.IsComputed() || (k == policy.Present && s != "") {
		return policy.NotApplicable("the cluster belongs to a replication group, whose setting applies")
	}
	return encTransitFlag(r, "transitEncryptionEnabled", false, "caches must accept only TLS connections")
}

// encTLS12Policies are the OpenSearch endpoint policies with a TLS 1.2 minimum.
func encTLS12OpenSearch(p string) bool { return strings.HasPrefix(p, "Policy-Min-TLS-1-2-") }

func encTransitOpenSearch(r *policy.Resource) policy.Result {
	const req = "search domains must accept only TLS 1.2 or later and encrypt traffic between nodes"
	if res := encTransitFlag(r, "domainEndpointOptions.enforceHttps", true, req); res.Status != policy.StatusPass {
		return res
	}
	pol, k := policy.Str(r.Get("domainEndpointOptions", "tlsSecurityPolicy"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("domainEndpointOptions.tlsSecurityPolicy is computed; %s", req)
	case k == policy.Absent || pol == "":
		return policy.Fail("domainEndpointOptions.tlsSecurityPolicy is not set, so the service default may accept TLS 1.0; " +
			"set a Policy-Min-TLS-1-2 policy")
	case !encTLS12OpenSearch(pol):
		return policy.Fail("domainEndpointOptions.tlsSecurityPolicy %q accepts TLS before 1.2; set a Policy-Min-TLS-1-2 policy", pol)
	}
	if res := encTransitFlag(r, "nodeToNodeEncryption.enabled", false, req); res.Status != policy.StatusPass {
		return res
	}
	return policy.Pass("HTTPS is enforced with %s and node-to-node encryption is on", pol)
}

func encTransitMSK(r *policy.Resource) policy.Result {
	const req = "Kafka clusters must accept only TLS connections"
	cb, k := policy.Str(r.Get("encryptionInfo", "encryptionInTransit", "clientBroker"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("encryptionInfo.encryptionInTransit.clientBroker is computed; %s", req)
	case k == policy.Present && cb != "" && cb != "TLS":
		return policy.Fail("encryptionInfo.encryptionInTransit.clientBroker is %q, which accepts plaintext clients; set it to \"TLS\"", cb)
	}
	return encTransitFlag(r, "encryptionInfo.encryptionInTransit.inCluster", true, req)
}

// encParams reads a parameter group's parameters into name -> value (names lower-cased). ok is false when
// the list or a name or value is computed.
func encParams(r *policy.Resource) (params map[string]string, ok bool) {
	items, k := policy.List(r.Get("parameters"))
	if k == policy.Unknown {
		return nil, false
	}
	params = map[string]string{}
	for _, it := range items {
		n := policy.AtValue(it, "name")
		v := policy.AtValue(it, "value")
		if n.IsComputed() || v.IsComputed() || it.IsComputed() {
			return nil, false
		}
		name, _ := policy.Str(n)
		val, vk := policy.Str(v)
		if vk != policy.Present {
			if f, nk := policy.Num(v); nk == policy.Present {
				val = strconv.FormatFloat(f, 'f', -1, 64)
			}
		}
		params[strings.ToLower(name)] = strings.TrimSpace(val)
	}
	return params, true
}

// encOn reads a parameter value meaning "on".
func encOn(v string) bool {
	switch strings.ToLower(v) {
	case "1", "on", "true", "enabled":
		return true
	}
	return false
}

func encTransitRDSParameters(r *policy.Resource) policy.Result {
	family, fk := policy.Str(r.Get("family"))
	params, ok := encParams(r)
	switch {
	case fk == policy.Unknown:
		return policy.Undecided("family is computed; the parameter group must force TLS connections")
	case !ok:
		return policy.Undecided("parameters are computed; the parameter group must force TLS connections")
	}
	family = strings.ToLower(family)
	want := func(name string, def bool, defText string) policy.Result {
		v, set := params[name]
		switch {
		case set && encOn(v):
			return policy.Pass("%s is %s", name, v)
		case set:
			return policy.Fail("parameter %s is %q, so clients may connect without TLS; set it to 1", name, v)
		case def:
			return policy.Pass("%s is not set; its default for %s is on", name, family)
		default:
			return policy.Fail("parameter %s is not set (default %s for %s), so clients may connect without TLS; set it to 1",
				name, defText, family)
		}
	}
	switch {
	case strings.HasPrefix(family, "postgres"):
		major, _ := strconv.Atoi(strings.TrimPrefix(family, "postgres"))
		return want("rds.force_ssl", major >= 15, "0")
	case strings.HasPrefix(family, "aurora-postgresql"):
		return want("rds.force_ssl", false, "0")
	case strings.HasPrefix(family, "mysql"), strings.HasPrefix(family, "mariadb"), strings.HasPrefix(family, "aurora-mysql"),
		family == "aurora5.6":
		return want("require_secure_transport", false, "OFF")
	case strings.HasPrefix(family, "sqlserver"):
		return want("rds.force_ssl", false, "0")
	}
	return policy.Undecided("family %q enforces TLS outside the parameter group (an option group or the client); the rules "+
		"cannot see it", family)
}

func encTransitRedshiftParameters(r *policy.Resource) policy.Result {
	params, ok := encParams(r)
	if !ok {
		return policy.Undecided("parameters are computed; the parameter group must set require_ssl true")
	}
	v, set := params["require_ssl"]
	switch {
	case !set:
		return policy.Fail("parameter require_ssl is not set (default false), so clients may connect without TLS; set it to true")
	case !encOn(v):
		return policy.Fail("parameter require_ssl is %q, so clients may connect without TLS; set it to true", v)
	}
	return policy.Pass("require_ssl is %s", v)
}

func encTransitDocDBParameters(r *policy.Resource) policy.Result {
	params, ok := encParams(r)
	if !ok {
		return policy.Undecided("parameters are computed; the parameter group must not turn TLS off")
	}
	if v, set := params["tls"]; set && strings.EqualFold(v, "disabled") {
		return policy.Fail("parameter tls is \"disabled\", so clients may connect without TLS; remove it or set it to enabled")
	}
	return policy.Pass("TLS stays on")
}

func encTransitNeptuneParameters(r *policy.Resource) policy.Result {
	params, ok := encParams(r)
	if !ok {
		return policy.Undecided("parameters are computed; the parameter group must not turn TLS off")
	}
	if v, set := params["neptune_enforce_ssl"]; set && !encOn(v) {
		return policy.Fail("parameter neptune_enforce_ssl is %q, so clients may connect without TLS; remove it or set it to 1", v)
	}
	return policy.Pass("TLS stays enforced")
}

func encTransitAPIGatewayDomain(r *policy.Resource) policy.Result {
	p, k := policy.Str(r.Get("securityPolicy"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("securityPolicy is computed; custom domains must accept only TLS 1.2 or later")
	case k == policy.Absent || p == "":
		return policy.Fail("securityPolicy is not set (default TLS_1_0), so the domain accepts TLS 1.0; set it to \"TLS_1_2\"")
	case p == "TLS_1_0":
		return policy.Fail("securityPolicy is \"TLS_1_0\", so the domain accepts TLS 1.0; set it to \"TLS_1_2\"")
	}
	return policy.Pass("securityPolicy is %s", p)
}

func encTransitAPIGatewayV2Domain(r *policy.Resource) policy.Result {
	cfgs, k := policy.List(r.Get("domainNameConfiguration"))
	one := r.Get("domainNameConfiguration", "securityPolicy")
	if k != policy.Present {
		cfgs = []policy.Value{policy.AtValue(r.Get("domainNameConfiguration"))}
	}
	if r.Get("domainNameConfiguration").IsComputed() || one.IsComputed() {
		return policy.Undecided("domainNameConfiguration is computed; custom domains must accept only TLS 1.2 or later")
	}
	for _, c := range cfgs {
		p, pk := policy.Str(policy.AtValue(c, "securityPolicy"))
		switch {
		case pk == policy.Unknown:
			return policy.Undecided("domainNameConfiguration.securityPolicy is computed; custom domains must accept only TLS 1.2 or later")
		case p != "TLS_1_2":
			return policy.Fail("domainNameConfiguration.securityPolicy is %s; set it to \"TLS_1_2\"", encOr(p, "not set"))
		}
	}
	return policy.Pass("securityPolicy is TLS_1_2")
}

func encTransitCloudFront(r *policy.Resource) policy.Result {
	const req = "distributions must use HTTPS with TLS 1.2 or later to viewers and origins"
	var results []policy.Result
	def, dk := policy.Bool(r.Get("viewerCertificate", "cloudfrontDefaultCertificate"))
	minProto, mk := policy.Str(r.Get("viewerCertificate", "minimumProtocolVersion"))
	switch {
	case dk == policy.Unknown || mk == policy.Unknown:
		results = append(results, policy.Undecided("viewerCertificate is computed; %s", req))
	case dk == policy.Present && def:
		results = append(results, policy.Fail("viewerCertificate.cloudfrontDefaultCertificate is true, which allows TLS 1.0; use "+
			"an ACM certificate with minimumProtocolVersion TLSv1.2_2021"))
	case mk != policy.Present || minProto == "":
		results = append(results, policy.Fail("viewerCertificate.minimumProtocolVersion is not set (default TLSv1); set it to TLSv1.2_2021"))
	case !strings.HasPrefix(minProto, "TLSv1.2") && !strings.HasPrefix(minProto, "TLSv1.3"):
		results = append(results, policy.Fail("viewerCertificate.minimumProtocolVersion is %q; set it to TLSv1.2_2021", minProto))
	}
	viewer := func(path ...any) {
		p, k := policy.Str(r.Get(path...))
		switch {
		case k == policy.Unknown:
			results = append(results, policy.Undecided("%s is computed; %s", encPath(path), req))
		case p == "allow-all":
			results = append(results, policy.Fail("%s is \"allow-all\", so viewers may use plain HTTP; set it to "+
				"\"redirect-to-https\" or \"https-only\"", encPath(path)))
		}
	}
	viewer("defaultCacheBehavior", "viewerProtocolPolicy")
	obs, _ := policy.List(r.Get("orderedCacheBehaviors"))
	for i := range obs {
		viewer("orderedCacheBehaviors", i, "viewerProtocolPolicy")
	}
	origins, _ := policy.List(r.Get("origins"))
	for i := range origins {
		cfg := r.Get("origins", i, "customOriginConfig")
		if cfg.IsNull() {
			continue
		}
		p, k := policy.Str(r.Get("origins", i, "customOriginConfig", "originProtocolPolicy"))
		switch {
		case k == policy.Unknown:
			results = append(results, policy.Undecided("origins[%d].customOriginConfig.originProtocolPolicy is computed; %s", i, req))
		case p == "http-only":
			results = append(results, policy.Fail("origins[%d].customOriginConfig.originProtocolPolicy is \"http-only\"; set it "+
				"to \"https-only\"", i))
		}
		protos, pk := policy.Strings(r.Get("origins", i, "customOriginConfig", "originSslProtocols"))
		if pk == policy.Unknown {
			results = append(results, policy.Undecided("origins[%d].customOriginConfig.originSslProtocols is computed; %s", i, req))
		}
		for _, proto := range protos {
			if proto != "TLSv1.2" {
				results = append(results, policy.Fail("origins[%d].customOriginConfig.originSslProtocols allows %s; allow only TLSv1.2", i, proto))
				break
			}
		}
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	return policy.Pass("viewers and origins use HTTPS with TLS 1.2 or later (%s)", minProto)
}

// encDMSNoTLS are DMS engines whose endpoints take no sslMode (AWS service APIs, always over HTTPS).
var encDMSNoTLS = []string{"s3", "dynamodb", "kinesis", "elasticsearch", "opensearch", "neptune", "redshift-serverless", "kafka"}

func encTransitDMS(r *policy.Resource) policy.Result {
	engine, ek := policy.Str(r.Get("engineName"))
	mode, mk := policy.Str(r.Get("sslMode"))
	switch {
	case ek == policy.Unknown || mk == policy.Unknown:
		return policy.Undecided("engineName or sslMode is computed; database endpoints must connect over TLS")
	case slices.Contains(encDMSNoTLS, engine):
		return policy.NotApplicable("engine %s is reached through its AWS API over HTTPS", engine)
	case mk == policy.Absent || mode == "" || mode == "none":
		return policy.Fail("sslMode is %s, so the endpoint connects without TLS; set it to \"verify-full\"", encOr(mode, "not set (default none)"))
	}
	return policy.Pass("sslMode is %s", mode)
}

// encOr quotes s, or returns alt when s is empty.
func encOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return strconv.Quote(s)
}

func encTransitECSVolumes(r *policy.Resource) policy.Result {
	vols, k := policy.List(r.Get("volumes"))
	if k == policy.Unknown {
		return policy.Undecided("volumes is computed; EFS volumes must be mounted with transit encryption")
	}
	n := 0
	for i := range vols {
		efs := r.Get("volumes", i, "efsVolumeConfiguration")
		if efs.IsNull() {
			continue
		}
		n++
		t, tk := policy.Str(r.Get("volumes", i, "efsVolumeConfiguration", "transitEncryption"))
		switch {
		case efs.IsComputed() || tk == policy.Unknown:
			return policy.Undecided("volumes[%d].efsVolumeConfiguration is computed; EFS volumes must be mounted with transit encryption", i)
		case t != "ENABLED":
			return policy.Fail("volumes[%d].efsVolumeConfiguration.transitEncryption is %s, so the EFS volume is mounted without "+
				"TLS; set it to \"ENABLED\"", i, encOr(t, "not set (default DISABLED)"))
		}
	}
	if n == 0 {
		return policy.NotApplicable("no EFS volumes")
	}
	return policy.Pass("every EFS volume is mounted with transit encryption")
}

func encTransitEMR(r *policy.Resource) policy.Result {
	const req = "EMR security configurations must turn on in-transit encryption"
	doc, res, ok := encEMRConfig(r, req)
	if !ok {
		return res
	}
	on, bk := policy.Bool(policy.AtValue(doc, "EncryptionConfiguration", "EnableInTransitEncryption"))
	if bk != policy.Present || !on {
		return policy.Fail("configuration EncryptionConfiguration.EnableInTransitEncryption is not true; %s", req)
	}
	return policy.Pass("in-transit encryption is on")
}
