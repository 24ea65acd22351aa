package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const audFlowLogsRequired = "every VPC needs an aws:ec2/flowLog with vpcId set to it and trafficType \"ALL\""

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-007",
		Title: "Every VPC has a flow log capturing all traffic (accepted and rejected)",
		Description: "VPC flow logs are the network's record of who talked to whom: they show an attempted " +
			"breach of tier separation (rejected) and what actually crossed it (accepted). Every VPC, hub and " +
			"tier alike, logs ALL traffic.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeEC2Vpc, typeEC2FlowLog},
		Remediation: "For every aws:ec2/vpc:Vpc create an aws:ec2/flowLog:FlowLog with `vpcId` = the VPC's ID and " +
			"`trafficType: ALL`, delivering to a CloudWatch log group (whose retention PCLZ-AWS-AUD-005 checks) or " +
			"the audit bucket.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "vpc-flow-logs-enabled"},
			{Source: "Security Hub", ID: "EC2.6"},
			{Source: "Checkov", ID: "CKV2_AWS_11"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeEC2FlowLog, "trafficType", "vpcId"),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, vpc := range netOfType(rs, typeEC2Vpc) {
			out = append(out, netWithURN(audCheckFlowLogs(rs, vpc), vpc.URN))
		}
		return out
	},
})

func audCheckFlowLogs(rs []*policy.Resource, vpc *policy.Resource) policy.Result {
	logs, maybe := audLinked(rs, typeEC2FlowLog, "vpcId", vpc)
	if len(logs) == 0 {
		if len(maybe) > 0 {
			return policy.Undecided("no flow log is linked to this VPC yet and the vpcId of %s is computed; %s",
				netNames(maybe), audFlowLogsRequired)
		}
		return policy.Fail("no flow log refers to this VPC; %s", audFlowLogsRequired)
	}
	var partial, unknown []string
	for _, l := range logs {
		t, k := policy.Str(l.Get("trafficType"))
		switch {
		case k == policy.Unknown:
			unknown = append(unknown, l.Name)
		case strings.EqualFold(t, "ALL"):
			return policy.Pass("flow log %s captures ALL traffic", l.Name)
		default:
			partial = append(partial, l.Name+" captures "+audQuoteOrUnset(t, k))
		}
	}
	if len(unknown) > 0 {
		return policy.Undecided("the trafficType of flow log %s is computed; %s", strings.Join(unknown, ", "), audFlowLogsRequired)
	}
	return policy.Fail("flow log %s, not ALL; %s", netJoin(partial), audFlowLogsRequired)
}
