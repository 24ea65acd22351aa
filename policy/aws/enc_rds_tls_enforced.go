package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// encDBGroupInput is the input naming a database's TLS-deciding parameter group and that group's type.
var encDBGroupInput = map[string]struct{ input, groupType string }{
	typeRDSInstance: {"parameterGroupName", typeRDSParameterGroup},
	typeRDSCluster:  {"dbClusterParameterGroupName", typeRDSClusterParameterGroup},
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-021",
		Title: "RDS databases use a parameter group that forces TLS",
		Description: "PCLZ-AWS-ENC-017 judges parameter groups, but a database that names no parameter group " +
			"gets the engine's default group, and the default lets clients connect without TLS on MySQL, " +
			"MariaDB, SQL Server, Aurora and PostgreSQL before 15. Every aws:rds/instance:Instance " +
			"(`parameterGroupName`) and aws:rds/cluster:Cluster (`dbClusterParameterGroupName`) must use a " +
			"parameter group that forces TLS (`rds.force_ssl = 1` or `require_secure_transport = 1`): a group " +
			"in the stack is judged by its parameters; no group means the default group of the engine " +
			"(`engine`, `engineVersion`; PostgreSQL without a version gets a current major, which forces TLS); " +
			"a group named but not in the stack is not known. Oracle enforces TLS through an option group, " +
			"which no rule reads yet, so it is not known. A failure names the database.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: []string{typeRDSInstance, typeRDSCluster, typeRDSParameterGroup, typeRDSClusterParameterGroup},
		Remediation: "Create an aws:rds/parameterGroup:ParameterGroup (aws:rds/clusterParameterGroup:ClusterParameterGroup " +
			"for Aurora) for the engine's family with `rds.force_ssl = 1` (PostgreSQL, SQL Server, Aurora " +
			"PostgreSQL) or `require_secure_transport = 1` (MySQL, MariaDB, Aurora MySQL) and set the " +
			"database's `parameterGroupName` (`dbClusterParameterGroupName`) to it.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "rds-postgres-instance-encrypted-in-transit"},
			{Source: "AWS Config", ID: "rds-mysql-instance-encrypted-in-transit"},
			{Source: "AWS Config", ID: "rds-sqlserver-encrypted-in-transit"},
		},
		Waivable: true,
		Reads: append(policy.Reads(typeRDSInstance, "parameterGroupName", "engine", "engineVersion"),
			policy.Reads(typeRDSCluster, "dbClusterParameterGroupName", "engine", "engineVersion")...),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, db := range rs {
			g, ok := encDBGroupInput[db.Type]
			if !ok {
				continue
			}
			res := encDBTLS(rs, db, g.input, g.groupType)
			res.URN = db.URN
			out = append(out, res)
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no RDS database in the stack")}
		}
		return out
	},
})

// encDBTLS decides whether database db's parameter group (input names it, of type groupType) forces TLS.
func encDBTLS(rs []*policy.Resource, db *policy.Resource, input, groupType string) policy.Result {
	for _, g := range policy.OfType(rs, groupType) {
		name, nk := policy.Str(g.Get("name"))
		ref, rk := policy.Str(db.Get(input))
		if !db.Refers(input, g) && (nk != policy.Present || rk != policy.Present || name != ref) {
			continue
		}
		return encWrap(encTransitRDSParameters(g), "parameter group "+g.Name+": ")
	}
	ref, rk := policy.Str(db.Get(input))
	switch {
	case rk == policy.Unknown:
		return policy.Undecided("%s is computed and names no parameter group in the stack, so whether it forces TLS is not known", input)
	case rk == policy.Present && ref != "" && !strings.HasPrefix(ref, "default."):
		return policy.Undecided("parameter group %q is not in the stack, so whether it forces TLS is not known", ref)
	}
	engine, ek := policy.Str(db.Get("engine"))
	version, vk := policy.Str(db.Get("engineVersion"))
	if ek == policy.Unknown || vk == policy.Unknown {
		return policy.Undecided("engine or engineVersion is computed, so the default parameter group's TLS setting is not known")
	}
	family := strings.ToLower(engine)
	if family == "postgres" || family == "aurora-postgresql" {
		major, _, _ := strings.Cut(version, ".")
		if major == "" {
			major = "17"
		}
		family += major
	}
	def := &policy.Resource{Type: groupType, Inputs: policy.MapFromGo(map[string]any{"family": family, "parameters": []any{}})}
	return encWrap(encTransitRDSParameters(def), "it uses the engine's default parameter group: ")
}

// encWrap prefixes a result's message.
func encWrap(r policy.Result, prefix string) policy.Result {
	r.Message = prefix + r.Message
	return r
}
