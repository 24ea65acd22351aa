package program

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
)

// awsWorkloadKeys maps a workload argument (awslz.WorkloadArgs) to its field of landingzone:workloads.
var awsWorkloadKeys = map[string]string{
	"OperatingSystem":           "operatingSystem",
	"InstanceType":              "instanceType",
	"ImageID":                   "imageId",
	"MinSize":                   "minSize",
	"MaxSize":                   "maxSize",
	"Database.Engine":           "databaseEngine",
	"Database.EngineVersion":    "databaseVersion",
	"Database.InstanceClass":    "databaseInstanceClass",
	"Database.AllocatedStorage": "databaseStorageGiB",
}

// AWSWorkloadArgs returns the workload arguments of a validated AWS tier stack's landingzone:workloads,
// in order, without their Environment (the tier environment's outputs, filled in by deployAWS).
func AWSWorkloadArgs(st *config.Stack) []*awslz.WorkloadArgs {
	out := make([]*awslz.WorkloadArgs, 0, len(st.Workloads))
	for _, w := range st.Workloads {
		a := &awslz.WorkloadArgs{
			Region: st.Region, Profile: st.Profile, OperatingSystem: w.OperatingSystem,
			InstanceType: w.InstanceType, ImageID: w.ImageID, MinSize: w.MinSize, MaxSize: w.MaxSize,
			Tags: st.Tags(),
		}
		if d := w.Database; d != nil {
			a.Database = &awslz.Database{Engine: d.Engine, EngineVersion: d.Version, InstanceClass: d.InstanceClass, AllocatedStorage: d.StorageGiB}
		}
		out = append(out, a)
	}
	return out
}

// checkAWSWorkloads checks every workload of the stack with awslz.CheckWorkload and reports each problem
// keyed to its landingzone:workloads field, all at once, as config.Errors (in workload order, then by
// field and message, as config.Load sorts).
func checkAWSWorkloads(st *config.Stack) error {
	var errs config.Errors
	for i, a := range AWSWorkloadArgs(st) {
		err := awslz.CheckWorkload(a)
		if err == nil {
			continue
		}
		first := len(errs)
		list := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			list = j.Unwrap()
		}
		for _, e := range list {
			key := fmt.Sprintf("%s:%s[%d]", config.Namespace, config.KeyWorkloads, i)
			var fe *netplan.FieldError
			if !errors.As(e, &fe) {
				errs = append(errs, &config.FieldError{Path: key, Msg: e.Error()})
				continue
			}
			field, ok := awsWorkloadKeys[fe.Path]
			if !ok {
				field = fe.Path // a field the configuration does not set (Region, Profile, Tags): the stack's own
			}
			errs = append(errs, &config.FieldError{Path: key + "." + field, Value: fe.Value, Msg: fe.Msg, Allowed: fe.Allowed})
		}
		slices.SortStableFunc(errs[first:], func(a, b *config.FieldError) int {
			return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Msg, b.Msg))
		})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// awsOperatingSystems returns the operating system families the stack's workloads run, in order of first
// use ("" counting as awslz.DefaultOperatingSystem); nil without workloads (the tier's default).
func awsOperatingSystems(st *config.Stack) []string {
	var out []string
	for _, w := range st.Workloads {
		os := w.OperatingSystem
		if os == "" {
			os = awslz.DefaultOperatingSystem
		}
		if !slices.Contains(out, os) {
			out = append(out, os)
		}
	}
	return out
}

// awsBackupCopy returns the tier's second copy: a provider for the backup account assuming
// landingzone:backupCopyRoleArn; nil when the key is not set.
func awsBackupCopy(ctx *pulumi.Context, st *config.Stack) (*awslz.BackupCopy, error) {
	if st.BackupCopyRoleARN == "" {
		return nil, nil
	}
	p, err := aws.NewProvider(ctx, "backup-account", &aws.ProviderArgs{
		Region:      pulumi.String(st.Profile.Backup.SecondCopy.AWSRegion),
		AssumeRole:  &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String(st.BackupCopyRoleARN)},
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(st.Tags())},
	})
	if err != nil {
		return nil, err
	}
	return &awslz.BackupCopy{Provider: p}, nil
}

// deployAWSWorkloads builds the stack's workloads in the tier environment env, through its provider,
// and returns their outputs by workload name.
func deployAWSWorkloads(ctx *pulumi.Context, st *config.Stack, env *awslz.TierEnvironment) (pulumi.Map, error) {
	out := pulumi.Map{}
	for i, a := range AWSWorkloadArgs(st) {
		a.Environment = awslz.TierEnvironmentRef{
			VpcID: env.VpcID, WorkloadSubnetIDs: env.WorkloadSubnetIDs,
			WorkloadSecurityGroupID: env.WorkloadSecurityGroupID, DataKeyARN: env.DataKeyARN,
		}
		name := st.Workloads[i].Name
		w, err := awslz.NewWorkload(ctx, strings.Join([]string{st.LandingZone, string(st.Tier), name}, "-"), a, pulumi.Provider(env.Provider))
		if err != nil {
			return nil, err
		}
		outs, err := w.Outputs()
		if err != nil {
			return nil, err
		}
		out[name] = outs
	}
	return out, nil
}
