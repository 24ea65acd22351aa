package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encRDSTLSFixture is a PostgreSQL 14 database and the parameter group, in the stack, that forces TLS.
func encRDSTLSFixture() []*policy.Resource {
	pg := policytest.AWS(typeRDSParameterGroup, "records-params", map[string]any{
		"name": "records-postgres14", "family": "postgres14",
		"parameters": []any{map[string]any{"name": "rds.force_ssl", "value": "1"}},
	})
	db := policytest.AWS(typeRDSInstance, "records-db", map[string]any{
		"engine": "postgres", "engineVersion": "14.12", "parameterGroupName": policy.UnknownSentinel,
	})
	policytest.Link(db, "parameterGroupName", pg)
	return []*policy.Resource{db, pg}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-ENC-021",
	Resources:       encRDSTLSFixture,
	Subject:         policytest.URN(typeRDSInstance, "records-db"),
	BaselineMessage: "parameter group records-params: rds.force_ssl is 1",
	Cases: []policytest.Case{
		{
			Name:    "group sets rds.force_ssl 0",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "0", "parameters", 0, "value") },
			Want:    policy.StatusFail,
			Message: `parameter group records-params: parameter rds.force_ssl is "0", so clients may connect without TLS; set it to 1`,
		},
		{
			Name: "no parameter group on PostgreSQL 14",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "parameterGroupName")
				rs[0].PropertyDependencies = nil
			},
			Want:    policy.StatusFail,
			Message: "it uses the engine's default parameter group: parameter rds.force_ssl is not set (default 0 for postgres14), so clients may connect without TLS; set it to 1",
		},
		{
			Name: "no parameter group on MySQL",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeRDSInstance, "records-db", map[string]any{"engine": "mysql", "engineVersion": "8.0.39"})
			},
			Want:    policy.StatusFail,
			Message: "it uses the engine's default parameter group: parameter require_secure_transport is not set (default OFF for mysql), so clients may connect without TLS; set it to 1",
		},
		{
			Name: "no parameter group on PostgreSQL 16",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeRDSInstance, "records-db", map[string]any{"engine": "postgres", "engineVersion": "16.4"})
			},
			Want:    policy.StatusPass,
			Message: "it uses the engine's default parameter group: rds.force_ssl is not set; its default for postgres16 is on",
		},
		{
			Name: "group found by name, not dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies = nil
				policytest.Set(rs[0], "records-postgres14", "parameterGroupName")
			},
			Want:    policy.StatusPass,
			Message: "parameter group records-params: rds.force_ssl is 1",
		},
		{
			Name: "named group outside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies = nil
				policytest.Set(rs[0], "shared-postgres14", "parameterGroupName")
			},
			Want:    policy.StatusUnknown,
			Message: `parameter group "shared-postgres14" is not in the stack, so whether it forces TLS is not known`,
		},
		{
			Name:    "Aurora MySQL cluster on the default cluster group",
			Subject: policytest.URN(typeRDSCluster, "records-cluster"),
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeRDSCluster, "records-cluster", map[string]any{
					"engine": "aurora-mysql", "dbClusterParameterGroupName": "default.aurora-mysql8.0",
				})
			},
			Want:    policy.StatusFail,
			Message: "it uses the engine's default parameter group: parameter require_secure_transport is not set (default OFF for aurora-mysql), so clients may connect without TLS; set it to 1",
		},
		{
			Name: "parameter group name computed and unlinked",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies = nil
			},
			Want:    policy.StatusUnknown,
			Message: "parameterGroupName is computed and names no parameter group in the stack, so whether it forces TLS is not known",
		},
	},
})
