package awslz

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/caller"
	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// EvidenceStoreType is the component type token of an EvidenceStore.
const EvidenceStoreType = "policecloud:aws:EvidenceStore"

// EvidenceStoreArgs are the arguments of NewEvidenceStore.
type EvidenceStoreArgs struct {
	// Provider is the AWS provider to create the store through. When nil the store uses the caller's
	// (pulumi.Provider or pulumi.Providers on the store, or one its parent holds), and creates its own
	// for Region with Tags as default tags only when the caller gave none.
	Provider pulumi.ProviderResource
	// Region is the AWS region: eu-west-2.
	Region string
	// Profile decides protection and retention on delete (ProtectStateful, RetainStatefulOnDelete) and
	// the key deletion window.
	Profile tier.Profile
	// RetentionYears is the S3 Object Lock retention in years, in COMPLIANCE mode: nobody, not even the
	// account root, can delete or overwrite an object version before it ends. 1 to 100; 0 means
	// DefaultEvidenceRetentionYears.
	RetentionYears int
	// KeyARN is the customer KMS key to encrypt with. When nil the store creates its own key.
	KeyARN pulumi.StringInput
	// Tags (Force, Tier, Classification, Owner, ManagedBy) are the default tags of the provider the
	// store creates, and required then. With a given or caller's provider they are set on every
	// resource the store creates (and, when given, must hold every required tag); leave them nil when
	// that provider's default tags carry them.
	Tags map[string]string
}

// EvidenceStore is an S3 bucket for digital evidence: Object Lock in compliance mode for RetentionYears,
// versioned, SSE-KMS with a customer key, TLS only, public access blocked, access logged, and never
// replicated: it stays in London.
type EvidenceStore struct {
	pulumi.ResourceState

	// Bucket is the evidence bucket's name.
	Bucket pulumi.StringOutput `pulumi:"bucket"`
	// BucketARN is the evidence bucket's ARN.
	BucketARN pulumi.StringOutput `pulumi:"bucketArn"`
	// AccessLogBucket is the bucket the evidence bucket's access logs go to.
	AccessLogBucket pulumi.StringOutput `pulumi:"accessLogBucket"`
	// KeyARN is the key the evidence is encrypted with.
	KeyARN pulumi.StringOutput `pulumi:"keyArn"`
}

// validate checks the arguments; ownProvider says whether the store will create its own provider. Tags
// are required then, and must be complete whenever they are given.
func (a *EvidenceStoreArgs) validate(ownProvider bool) error {
	var errs []error
	if err := checkRegion("Region", a.Region); err != nil {
		errs = append(errs, err)
	}
	if err := checkRetentionYears("RetentionYears", a.RetentionYears); err != nil {
		errs = append(errs, err)
	}
	if a.Profile.Tier == "" {
		errs = append(errs, &netplan.FieldError{Path: "Profile", Msg: "is empty", Allowed: "a tier profile from tier.ProfileFor"})
	}
	if ownProvider || len(a.Tags) > 0 {
		errs = append(errs, checkTags("Tags", a.Tags)...)
	}
	return errors.Join(errs...)
}

// NewEvidenceStore creates an evidence store. Invalid arguments register nothing.
func NewEvidenceStore(ctx *pulumi.Context, name string, args *EvidenceStoreArgs, opts ...pulumi.ResourceOption) (*EvidenceStore, error) {
	if args == nil {
		return nil, errors.New("awslz.NewEvidenceStore: args are required")
	}
	given := args.Provider
	if given == nil {
		given = caller.Provider("aws", opts...)
	}
	if err := args.validate(given == nil); err != nil {
		return nil, fmt.Errorf("awslz.NewEvidenceStore %s: invalid arguments:\n%w", name, err)
	}
	s := &EvidenceStore{}
	if err := ctx.RegisterComponentResource(EvidenceStoreType, name, s, opts...); err != nil {
		return nil, err
	}
	prov, tags, err := provider(ctx, name, given, nil, args.Region, args.Tags, s)
	if err != nil {
		return nil, err
	}
	c := child{parent: s, provider: prov, profile: args.Profile, tags: tags}
	keyARN := args.KeyARN
	if keyARN == nil {
		acct, err := lookupAccount(ctx, prov, args.Region)
		if err != nil {
			return nil, fmt.Errorf("awslz.NewEvidenceStore %s: %w", name, err)
		}
		key, err := newKey(ctx, c, name+"-key", "Digital evidence", acct, acct.viaServices("AccountUsesKeyThroughS3", "s3"))
		if err != nil {
			return nil, err
		}
		keyARN = key.Arn
	}
	logs, err := newAccessLogBucket(ctx, c, name+"-access-logs", "")
	if err != nil {
		return nil, err
	}
	bucket, err := newBucket(ctx, c, bucketSpec{
		name: name, purpose: "evidence", keyARN: keyARN, lockYears: retentionYears(args.RetentionYears), logBucket: logs.ID(),
	})
	if err != nil {
		return nil, err
	}
	s.Bucket, s.BucketARN, s.AccessLogBucket = bucket.Bucket, bucket.Arn, logs.Bucket
	s.KeyARN = keyARN.ToStringOutput()
	if err := outputs.Register(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

// Outputs returns the evidence store's outputs by name: every field with a `pulumi:` tag, the map it
// registered with RegisterResourceOutputs.
func (s *EvidenceStore) Outputs() (pulumi.Map, error) { return outputs.Map(s) }

// checkRetentionYears validates an evidence retention in years: 0 (the default) or 1 to 100.
func checkRetentionYears(field string, years int) error {
	if years < 0 || years > maxEvidenceRetentionYears {
		return &netplan.FieldError{Path: field, Value: strconv.Itoa(years), Msg: "is out of range",
			Allowed: fmt.Sprintf("1 to %d (0 means %d)", maxEvidenceRetentionYears, DefaultEvidenceRetentionYears)}
	}
	return nil
}

// retentionYears is the evidence retention a validated RetentionYears stands for.
func retentionYears(years int) int {
	if years == 0 {
		return DefaultEvidenceRetentionYears
	}
	return years
}
