package e2e

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ebs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/tier"
)

// twinVariants are the bucket baseline with one fault that a stack rule's resource-level twin judges
// on the faulty resource alone, so that `up` without a preview is refused before that resource is
// created (TestUpWithoutPreview). The access key, AWS-managed key and public access block variants are
// in Variants itself.
func twinVariants() []Variant {
	return []Variant{
		{
			// pos-gold's profile locks vaults in governance mode; changeableForDays makes it compliance mode.
			Name: "e2e-twin-vault-lock-mode", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{lockMode: tier.VaultLockCompliance}),
			Want:    []string{"PCLZ-AWS-RES-008"},
			Faulty:  "backup-vault-lock",
		},
		{
			Name: "e2e-twin-multi-region-key", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{multiRegionKey: true}),
			Want:    []string{"PCLZ-AWS-REG-007"},
			Faulty:  "key",
		},
		{
			Name: "e2e-twin-ebs-default-key", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{extra: func(ctx *pulumi.Context, _ *kms.Key, opts []pulumi.ResourceOption) error {
				_, err := ebs.NewDefaultKmsKey(ctx, "ebs-default-key", &ebs.DefaultKmsKeyArgs{KeyArn: pulumi.String("alias/aws/ebs")}, opts...)
				return err
			}}),
			Want:   []string{"PCLZ-AWS-ENC-019"},
			Faulty: "ebs-default-key",
		},
		{
			Name: "e2e-twin-default-security-group-open", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{extra: func(ctx *pulumi.Context, _ *kms.Key, opts []pulumi.ResourceOption) error {
				_, err := ec2.NewDefaultSecurityGroup(ctx, "default-sg", &ec2.DefaultSecurityGroupArgs{
					VpcId: pulumi.String("vpc-0123456789abcdef0"),
					Ingress: ec2.DefaultSecurityGroupIngressArray{&ec2.DefaultSecurityGroupIngressArgs{
						Protocol: pulumi.String("-1"), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), Self: pulumi.Bool(true),
					}},
				}, opts...)
				return err
			}}),
			Want:   []string{"PCLZ-AWS-NET-016"},
			Faulty: "default-sg",
		},
	}
}
