package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-AUD-007",
	Context: netBronzeCtx,
	Subject: policytest.URN(typeEC2Vpc, "bronze-vpc"),
	Resources: func() []*policy.Resource {
		vpc := policytest.AWS(typeEC2Vpc, "bronze-vpc", map[string]any{"cidrBlock": netTestBronze})
		fl := policytest.AWS(typeEC2FlowLog, "bronze-vpc-flow", map[string]any{
			"trafficType": "ALL", "logDestinationType": "cloud-watch-logs", "logDestination": "arn:aws:logs:eu-west-2:111122223333:log-group:/bronze/flow",
		})
		policytest.SetComputed(fl, "vpcId")
		policytest.Link(fl, "vpcId", vpc)
		return []*policy.Resource{vpc, fl}
	},
	BaselineMessage: "flow log bronze-vpc-flow captures ALL traffic",
	Cases: []policytest.Case{
		{
			Name: "no flow log",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeEC2Subnet, "unrelated", nil)
			},
			Want:    policy.StatusFail,
			Message: "no flow log refers to this VPC; " + audFlowLogsRequired,
		},
		{
			Name:    "rejected traffic only",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "REJECT", "trafficType") },
			Want:    policy.StatusFail,
			Message: `flow log bronze-vpc-flow captures "REJECT", not ALL; ` + audFlowLogsRequired,
		},
		{
			Name:    "traffic type computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "trafficType") },
			Want:    policy.StatusUnknown,
			Message: "the trafficType of flow log bronze-vpc-flow is computed; " + audFlowLogsRequired,
		},
		{
			Name:    "flow log's VPC computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "no flow log is linked to this VPC yet and the vpcId of bronze-vpc-flow is computed; " + audFlowLogsRequired,
		},
		{
			Name: "flow log for another VPC (exported state)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].ID = "vpc-0bronze"
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "vpc-0gold", "vpcId")
			},
			Want:    policy.StatusFail,
			Message: "no flow log refers to this VPC; " + audFlowLogsRequired,
		},
		{
			Name: "flow log linked by ID (exported state)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].ID = "vpc-0bronze"
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "vpc-0bronze", "vpcId")
			},
			Want:    policy.StatusPass,
			Message: "flow log bronze-vpc-flow captures ALL traffic",
		},
	},
})
