package lztest

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// awsIDPrefix is the ID prefix AWS gives each EC2-family resource type.
var awsIDPrefix = map[string]string{
	"aws:ec2/vpc:Vpc":                                           "vpc-",
	"aws:ec2/subnet:Subnet":                                     "subnet-",
	"aws:ec2/routeTable:RouteTable":                             "rtb-",
	"aws:ec2/networkAcl:NetworkAcl":                             "acl-",
	"aws:ec2/defaultNetworkAcl:DefaultNetworkAcl":               "acl-",
	"aws:ec2/defaultRouteTable:DefaultRouteTable":               "rtb-",
	"aws:ec2/securityGroup:SecurityGroup":                       "sg-",
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":         "sg-",
	"aws:ec2/internetGateway:InternetGateway":                   "igw-",
	"aws:ec2/natGateway:NatGateway":                             "nat-",
	"aws:ec2/eip:Eip":                                           "eipalloc-",
	"aws:ec2/vpcEndpoint:VpcEndpoint":                           "vpce-",
	"aws:ec2/flowLog:FlowLog":                                   "fl-",
	"aws:ec2/customerGateway:CustomerGateway":                   "cgw-",
	"aws:ec2/vpnConnection:VpnConnection":                       "vpn-",
	"aws:ec2/securityGroupRule:SecurityGroupRule":               "sgrule-",
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   "sgr-",
	"aws:ec2transitgateway/transitGateway:TransitGateway":       "tgw-",
	"aws:ec2transitgateway/routeTable:RouteTable":               "tgw-rtb-",
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment":         "tgw-attach-",
	"aws:ec2/instance:Instance":                                 "i-",
	"aws:ebs/volume:Volume":                                     "vol-",
}

// awsNameInput is the input holding the cloud name of resources whose ID is that name.
var awsNameInput = map[string]string{
	"aws:s3/bucketV2:BucketV2":                          "bucket",
	"aws:s3/bucket:Bucket":                              "bucket",
	"aws:iam/role:Role":                                 "name",
	"aws:iam/user:User":                                 "name",
	"aws:iam/policy:Policy":                             "name",
	"aws:cloudwatch/logGroup:LogGroup":                  "name",
	"aws:cloudtrail/trail:Trail":                        "name",
	"aws:backup/vault:Vault":                            "name",
	"aws:kms/alias:Alias":                               "name",
	"aws:cfg/recorder:Recorder":                         "name",
	"aws:cfg/deliveryChannel:DeliveryChannel":           "name",
	"aws:sns/topic:Topic":                               "name",
	"aws:cloudwatch/metricAlarm:MetricAlarm":            "name",
	"aws:networkfirewall/firewall:Firewall":             "name",
	"aws:networkfirewall/firewallPolicy:FirewallPolicy": "name",
	"aws:networkfirewall/ruleGroup:RuleGroup":           "name",
	"aws:accessanalyzer/analyzer:Analyzer":              "analyzerName",
	"aws:backup/plan:Plan":                              "name",
	"aws:rds/subnetGroup:SubnetGroup":                   "name",
	"aws:rds/parameterGroup:ParameterGroup":             "name",
	"aws:rds/instance:Instance":                         "identifier",
	"aws:autoscaling/group:Group":                       "name",
}

// aws answers a registration of an AWS resource in account acct: the inputs plus the ID and ARN AWS
// would give it.
func (c *Cloud) aws(args pulumi.MockResourceArgs, urn, acct string) (string, resource.PropertyMap) {
	state := args.Inputs.Copy()
	typ := args.TypeToken
	region := DefaultAWSRegion
	mod, kind := awsModuleKind(typ)

	name := args.Name
	if key, ok := awsNameInput[typ]; ok {
		if v := args.Inputs[resource.PropertyKey(key)]; v.IsString() && v.StringValue() != "" {
			name = v.StringValue()
		} else {
			// AWS names it from the logical name plus a random suffix, as Pulumi auto-naming does.
			name = args.Name + "-" + hexFrom(urn, 7)
			state[resource.PropertyKey(key)] = resource.NewProperty(name)
		}
	}

	var id, arn string
	switch {
	case awsIDPrefix[typ] != "":
		id = awsIDPrefix[typ] + hexFrom(urn, 17)
		arn = "arn:aws:ec2:" + region + ":" + acct + ":" + strings.TrimSuffix(awsIDPrefix[typ], "-") + "/" + id
	case typ == "aws:kms/key:Key":
		id = uuidFrom(urn)
		arn = "arn:aws:kms:" + region + ":" + acct + ":key/" + id
		state["keyId"] = resource.NewProperty(id)
	case typ == "aws:kms/alias:Alias":
		id = name
		arn = "arn:aws:kms:" + region + ":" + acct + ":" + name
		state["targetKeyArn"] = resource.NewProperty("arn:aws:kms:" + region + ":" + acct + ":key/" + uuidFrom(urn))
	case mod == "s3" && (kind == "BucketV2" || kind == "Bucket"):
		id = name
		arn = "arn:aws:s3:::" + name
		state["bucketDomainName"] = resource.NewProperty(name + ".s3.amazonaws.com")
		state["bucketRegionalDomainName"] = resource.NewProperty(name + ".s3." + region + ".amazonaws.com")
		state["region"] = resource.NewProperty(region)
	case mod == "iam" && (kind == "Role" || kind == "User" || kind == "Policy"):
		id = name
		arn = "arn:aws:iam::" + acct + ":" + strings.ToLower(kind) + "/" + name
		if kind == "Policy" {
			id = arn
		}
	case typ == "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
		// IAM names an OIDC provider by its issuer's host and path.
		host := args.Name
		if v := args.Inputs["url"]; v.IsString() && v.StringValue() != "" {
			host = strings.TrimPrefix(strings.TrimPrefix(v.StringValue(), "https://"), "http://")
		}
		arn = "arn:aws:iam::" + acct + ":oidc-provider/" + host
		id = arn
	case typ == "aws:iam/instanceProfile:InstanceProfile" || typ == "aws:iam/group:Group":
		id = name
		arn = "arn:aws:iam::" + acct + ":" + strings.ToLower(kind[:1]) + kind[1:] + "/" + name
		if kind == "InstanceProfile" {
			arn = "arn:aws:iam::" + acct + ":instance-profile/" + name
		}
	case typ == "aws:cloudwatch/logGroup:LogGroup":
		id = name
		arn = "arn:aws:logs:" + region + ":" + acct + ":log-group:" + name
	case typ == "aws:cloudtrail/trail:Trail":
		id = name
		arn = "arn:aws:cloudtrail:" + region + ":" + acct + ":trail/" + name
	case typ == "aws:backup/vault:Vault":
		id = name
		arn = "arn:aws:backup:" + region + ":" + acct + ":backup-vault:" + name
	case typ == "aws:sns/topic:Topic":
		arn = "arn:aws:sns:" + region + ":" + acct + ":" + name
		id = arn
	case typ == "aws:organizations/account:Account":
		// An account's ID is 12 digits: the imported account's own, or one derived from the URN.
		id = args.RegisterRPC.GetImportId()
		if id == "" {
			id = digitsFrom(urn, 12)
		}
		arn = "arn:aws:organizations::" + acct + ":account/o-mock123456/" + id
	case typ == "aws:guardduty/detector:Detector":
		id = hexFrom(urn, 32)
		arn = "arn:aws:guardduty:" + region + ":" + acct + ":detector/" + id
	case mod == "networkfirewall":
		id = "arn:aws:network-firewall:" + region + ":" + acct + ":" + lowerFirst(kind) + "/" + name
		arn = id
		if kind == "Firewall" {
			state["firewallStatuses"] = firewallStatuses(args.Inputs, urn, region)
		}
	case awsNameInput[typ] != "":
		id = name
		arn = "arn:aws:" + mod + ":" + region + ":" + acct + ":" + lowerFirst(kind) + "/" + name
	default:
		id = args.Name + "-" + hexFrom(urn, 12)
		arn = "arn:aws:" + mod + ":" + region + ":" + acct + ":" + lowerFirst(kind) + "/" + id
	}
	state["arn"] = resource.NewProperty(arn)
	if _, ok := state["tags"]; ok {
		state["tagsAll"] = state["tags"]
	}
	if typ == "aws:ec2transitgateway/transitGateway:TransitGateway" {
		state["associationDefaultRouteTableId"] = resource.NewProperty("tgw-rtb-" + hexFrom(urn+"assoc", 17))
		state["propagationDefaultRouteTableId"] = resource.NewProperty("tgw-rtb-" + hexFrom(urn+"prop", 17))
	}
	if typ == "aws:ec2/vpnConnection:VpnConnection" && args.Inputs["transitGatewayId"].HasValue() {
		// A VPN on a Transit Gateway gets its own attachment.
		state["transitGatewayAttachmentId"] = resource.NewProperty("tgw-attach-" + hexFrom(urn+"attachment", 17))
	}
	if typ == "aws:ec2/launchTemplate:LaunchTemplate" {
		// A new launch template's first version.
		state["latestVersion"] = resource.NewProperty(1.0)
		state["defaultVersion"] = resource.NewProperty(1.0)
	}
	if typ == "aws:ec2/vpc:Vpc" {
		state["defaultSecurityGroupId"] = resource.NewProperty("sg-" + hexFrom(urn+"sg", 17))
		state["defaultNetworkAclId"] = resource.NewProperty("acl-" + hexFrom(urn+"acl", 17))
		state["defaultRouteTableId"] = resource.NewProperty("rtb-" + hexFrom(urn+"rtb", 17))
		state["mainRouteTableId"] = state["defaultRouteTableId"]
	}
	return id, state
}

// awsModuleKind splits "aws:s3/bucketV2:BucketV2" into ("s3", "BucketV2").
func awsModuleKind(typ string) (string, string) {
	t := tokens.Type(typ)
	mod := string(t.Module().Name())
	if i := strings.Index(mod, "/"); i >= 0 {
		mod = mod[:i]
	}
	return mod, string(t.Name())
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// firewallStatuses gives a Network Firewall one endpoint per subnet mapping, in availability zones a, b,
// c... in mapping order (the order the components create their firewall subnets in).
func firewallStatuses(inputs resource.PropertyMap, urn, region string) resource.PropertyValue {
	var states []resource.PropertyValue
	if m := inputs["subnetMappings"]; m.IsArray() {
		for i, sm := range m.ArrayValue() {
			subnet := resource.NewProperty("")
			if sm.IsObject() {
				subnet = sm.ObjectValue()["subnetId"]
			}
			states = append(states, resource.NewProperty(resource.PropertyMap{
				"availabilityZone": resource.NewProperty(region + string(rune('a'+i))),
				"attachments": resource.NewProperty([]resource.PropertyValue{resource.NewProperty(resource.PropertyMap{
					"endpointId": resource.NewProperty("vpce-" + hexFrom(urn+string(rune('a'+i)), 17)),
					"subnetId":   subnet,
				})}),
			}))
		}
	}
	return resource.NewProperty([]resource.PropertyValue{resource.NewProperty(resource.PropertyMap{
		"syncStates": resource.NewProperty(states),
	})})
}
