package policy

import "testing"

func TestCanonicalType(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// azure-native API-versioned tokens map to the default token.
		{"azure-native:storage/v20230101:StorageAccount", "azure-native:storage:StorageAccount"},
		{"azure-native:recoveryservices/v20240401:Vault", "azure-native:recoveryservices:Vault"},
		{"azure-native:network/v20230901:NetworkSecurityGroup", "azure-native:network:NetworkSecurityGroup"},
		{"azure-native:recoveryservices/v20240430preview:Vault", "azure-native:recoveryservices:Vault"},
		{"azure-native:authorization/v20200301privatepreview:RoleAssignment", "azure-native:authorization:RoleAssignment"},
		// Tokens that must not change.
		{"azure-native:storage:StorageAccount", "azure-native:storage:StorageAccount"},
		{"aws:s3/bucketV2:BucketV2", "aws:s3/bucketV2:BucketV2"},
		{"aws:ec2/v20230101:Thing", "aws:ec2/v20230101:Thing"},
		{"azure:storage/account:Account", "azure:storage/account:Account"},
		{"azure:storage/v20230101:Account", "azure:storage/v20230101:Account"},
		{"pulumi:providers:azure-native", "pulumi:providers:azure-native"},
		{"policecloud:azurelz:Tier", "policecloud:azurelz:Tier"},
		{"", ""},
		{"azure-native:storage/v2023:StorageAccount", "azure-native:storage/v2023:StorageAccount"},
		{"azure-native:storage/v2023010a:StorageAccount", "azure-native:storage/v2023010a:StorageAccount"},
		{"azure-native:storage/v20230101Preview:StorageAccount", "azure-native:storage/v20230101Preview:StorageAccount"},
		{"azure-native:storage/v20230101-preview:StorageAccount", "azure-native:storage/v20230101-preview:StorageAccount"},
		{"azure-native:storage/latest:StorageAccount", "azure-native:storage/latest:StorageAccount"},
		{"azure-native:storage/v20230101", "azure-native:storage/v20230101"},
		{"azure-native:storage/v20230101:", "azure-native:storage/v20230101:"},
		{"azure-native:/v20230101:StorageAccount", "azure-native:/v20230101:StorageAccount"},
		{"azure-native:storage/v20230101:Storage:Account", "azure-native:storage/v20230101:Storage:Account"},
		{"azure-native:storage/v20230101/x:StorageAccount", "azure-native:storage/v20230101/x:StorageAccount"},
	} {
		if got := CanonicalType(tc.in); got != tc.want {
			t.Errorf("CanonicalType(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSetType(t *testing.T) {
	r := &Resource{}
	r.SetType("azure-native:storage/v20230101:StorageAccount")
	if r.Type != "azure-native:storage:StorageAccount" || r.WrittenType != "azure-native:storage/v20230101:StorageAccount" {
		t.Errorf("versioned: Type %q, WrittenType %q", r.Type, r.WrittenType)
	}
	r.SetType("aws:s3/bucketV2:BucketV2")
	if r.Type != "aws:s3/bucketV2:BucketV2" || r.WrittenType != "" {
		t.Errorf("unversioned: Type %q, WrittenType %q", r.Type, r.WrittenType)
	}
}

func TestWrittenToken(t *testing.T) {
	r := &Resource{}
	r.SetType("azure-native:recoveryservices/v20240401:Vault")
	if got := r.WrittenToken(); got != "azure-native:recoveryservices/v20240401:Vault" {
		t.Errorf("versioned: WrittenToken() = %q", got)
	}
	r.SetType("azure-native:recoveryservices:Vault")
	if got := r.WrittenToken(); got != "azure-native:recoveryservices:Vault" {
		t.Errorf("unversioned: WrittenToken() = %q", got)
	}
}
