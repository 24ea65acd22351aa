package e2e

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ebs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/guardduty"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
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
		{
			Name: "e2e-twin-listener-tls10", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{extra: func(ctx *pulumi.Context, _ *kms.Key, opts []pulumi.ResourceOption) error {
				_, err := lb.NewListener(ctx, "portal-https", &lb.ListenerArgs{
					LoadBalancerArn: pulumi.String("arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/0123456789abcdef"),
					Port:            pulumi.Int(443),
					Protocol:        pulumi.String("HTTPS"),
					SslPolicy:       pulumi.String("ELBSecurityPolicy-2016-08"),
					CertificateArn:  pulumi.String("arn:aws:acm:eu-west-2:111122223333:certificate/0b1c2d3e-1111-2222-3333-444455556666"),
					DefaultActions: lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
						Type:           pulumi.String("forward"),
						TargetGroupArn: pulumi.String("arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/portal/0123456789abcdef"),
					}},
				}, opts...)
				return err
			}}),
			Want:   []string{"PCLZ-AWS-ENC-020"},
			Faulty: "portal-https",
		},
		{
			Name: "e2e-twin-guardduty-off", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{extra: func(ctx *pulumi.Context, _ *kms.Key, opts []pulumi.ResourceOption) error {
				_, err := guardduty.NewDetector(ctx, "guardduty", &guardduty.DetectorArgs{Enable: pulumi.Bool(false)}, opts...)
				return err
			}}),
			Want:   []string{"PCLZ-AWS-AUD-008"},
			Faulty: "guardduty",
		},
	}
}
