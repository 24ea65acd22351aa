package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadWorkloads(t *testing.T) {
	t.Parallel()
	s, err := Load("pos-platinum", with(validTier(),
		"workloads", `[{"name":"command","operatingSystem":"rhel-9","instanceType":"m7i.large","imageId":"ami-0123456789abcdef0","minSize":3,"maxSize":6,`+
			`"databaseEngine":"postgres","databaseVersion":"16.4","databaseInstanceClass":"db.m7g.large","databaseStorageGiB":100},`+
			`{"name":"web","instanceType":"t3.small","imageId":"ami-0123456789abcdef1","minSize":"2","maxSize":2}]`,
		"backupCopyRoleArn", "arn:aws:iam::444455556666:role/landing-zone-backup-deployer"))
	require.NoError(t, err)
	assert.Equal(t, []Workload{
		{Name: "command", OperatingSystem: "rhel-9", InstanceType: "m7i.large", ImageID: "ami-0123456789abcdef0", MinSize: 3, MaxSize: 6,
			Database: &WorkloadDatabase{Engine: "postgres", Version: "16.4", InstanceClass: "db.m7g.large", StorageGiB: 100}},
		{Name: "web", InstanceType: "t3.small", ImageID: "ami-0123456789abcdef1", MinSize: 2, MaxSize: 2},
	}, s.Workloads)
	assert.Equal(t, "arn:aws:iam::444455556666:role/landing-zone-backup-deployer", s.BackupCopyRoleARN)
}

func TestLoadWorkloadsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		raw  map[string]string
		want []string
	}{
		{"not a list", with(validTier(), "workloads", `{"name":"x"}`), []string{
			`landingzone:workloads: is an object, not a list: allowed ` + allowWorkloads}},
		{"missing fields", with(validTier(), "workloads", `[{"name":"Custody","minSize":"two"}]`), []string{
			`landingzone:workloads[0].imageId: missing: required: allowed a machine image such as ami-0123456789abcdef0`,
			`landingzone:workloads[0].instanceType: missing: required: allowed an instance type such as m7i.large`,
			`landingzone:workloads[0].maxSize: missing: required: allowed a whole number`,
			`landingzone:workloads[0].minSize: "two" is not a whole number: allowed a whole number such as 2`,
			`landingzone:workloads[0].name: "Custody" is not a workload name: allowed ` + allowWorkloadName}},
		{"duplicate name, unknown field, part of a database", with(validTier(), "workloads",
			`[{"name":"app","instanceType":"m7i.large","imageId":"ami-0123456789abcdef0","minSize":1,"maxSize":1},`+
				`{"name":"app","instanceType":"m7i.large","imageId":"ami-0123456789abcdef0","minSize":1,"maxSize":1,"databaseEngine":"postgres","size":3}]`), []string{
			`landingzone:workloads[1].databaseInstanceClass: missing: required when databaseEngine is set: allowed all of databaseEngine, databaseVersion, databaseInstanceClass and databaseStorageGiB, or none`,
			`landingzone:workloads[1].databaseStorageGiB: missing: required when databaseEngine is set: allowed all of databaseEngine, databaseVersion, databaseInstanceClass and databaseStorageGiB, or none`,
			`landingzone:workloads[1].databaseVersion: missing: required when databaseEngine is set: allowed all of databaseEngine, databaseVersion, databaseInstanceClass and databaseStorageGiB, or none`,
			`landingzone:workloads[1].name: "app" is already the name of landingzone:workloads[0]: allowed a unique name`,
			`landingzone:workloads[1].size: unknown field: allowed name, operatingSystem, instanceType, imageId, minSize, maxSize, databaseEngine, databaseVersion, databaseInstanceClass, databaseStorageGiB`}},
		{"workloads on a foundation", with(validFoundation(), "workloads", `[]`), []string{
			`landingzone:workloads: is set on a foundation stack: allowed only on role tier (workloads run in a tier)`}},
		{"workloads on an azure tier", with(validTier(), "cloud", "azure", "region", "uksouth", "workloads", `[]`), []string{
			`landingzone:workloads: is set on an azure stack: allowed only on cloud aws (an Azure tier's workload is the azurelz:workload key, docs/azure.md)`}},
		{"backup copy role not a role", with(validTier(), "backupCopyRoleArn", "arn:aws:iam::4444:user/x"), []string{
			`landingzone:backupCopyRoleArn: "arn:aws:iam::4444:user/x" is not an IAM role ARN: allowed ` + allowBackupCopyARN}},
		{"backup copy role on a foundation", with(validFoundation(), "backupCopyRoleArn", "arn:aws:iam::444455556666:role/x"), []string{
			`landingzone:backupCopyRoleArn: "arn:aws:iam::444455556666:role/x" is set on a stack that is not an AWS tier: allowed only on cloud aws, role tier (the tier's backups are copied to the backup account)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load("pos-platinum", tt.raw)
			var errs Errors
			require.ErrorAs(t, err, &errs)
			assert.Equal(t, tt.want, errs.Lines())
		})
	}
}
