package config

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

// The configuration keys of a tier stack's workloads and its backups' second copy, without the namespace.
const (
	// KeyWorkloads is the list of the tier's workloads (Workload).
	KeyWorkloads = "workloads"
	// KeyBackupCopyRoleARN is the IAM role in the backup account an AWS tier stack assumes to create the
	// second copy of its backups there.
	KeyBackupCopyRoleARN = "backupCopyRoleArn"
)

const (
	allowWorkloads     = "a list of {name, operatingSystem, instanceType, imageId, minSize, maxSize, databaseEngine, databaseVersion, databaseInstanceClass, databaseStorageGiB} objects"
	allowWorkloadName  = "2 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as custody"
	allowBackupCopyARN = "an IAM role ARN in the backup account such as arn:aws:iam::444455556666:role/landing-zone-backup-deployer"
)

var (
	workloadFields   = []string{"name", "operatingSystem", "instanceType", "imageId", "minSize", "maxSize", "databaseEngine", "databaseVersion", "databaseInstanceClass", "databaseStorageGiB"}
	workloadNumeric  = []string{"minSize", "maxSize", "databaseStorageGiB"}
	workloadDatabase = []string{"databaseEngine", "databaseVersion", "databaseInstanceClass", "databaseStorageGiB"}
	iamRoleARNRE     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$`)
	})
)

// Workload is one workload of a tier stack (landingzone:workloads): a group of instances and optionally
// a database. This package checks the shape (names, required fields, whole numbers); the stack program
// checks the values against what the cloud's workload component allows (instance types, images,
// operating system families, database engines) before it registers anything.
type Workload struct {
	// Name names the workload's resources ("custody"), unique in the stack.
	Name string
	// OperatingSystem is the image's operating system family ("" for the component's default).
	OperatingSystem string
	// InstanceType and ImageID are the instances' type and machine image.
	InstanceType, ImageID string
	// MinSize and MaxSize bound the number of instances.
	MinSize, MaxSize int
	// Database is the workload's database; nil for none.
	Database *WorkloadDatabase
}

// WorkloadDatabase is a workload's database (the database* fields of a workload).
type WorkloadDatabase struct {
	// Engine, Version and InstanceClass are the engine ("postgres"), its version ("16.4") and the
	// instance class ("db.m7g.large").
	Engine, Version, InstanceClass string
	// StorageGiB is the allocated storage.
	StorageGiB int
}

// workloads reads landingzone:workloads: tier stacks only.
func (l *loader) workloads(s *Stack) {
	if _, ok := l.get(KeyWorkloads); ok && s.Role != "" && s.Role != RoleTier {
		l.add(KeyWorkloads, "", "is set on "+aRole(s.Role)+" stack: allowed only on role tier (workloads run in a tier)")
		return
	}
	if _, ok := l.get(KeyWorkloads); ok && s.Cloud == CloudAzure {
		// An Azure tier's workload is azurelz:workload (internal/program); refusing this key keeps a
		// workload from being silently ignored.
		l.add(KeyWorkloads, "", "is set on an azure stack: allowed only on cloud aws (an Azure tier's workload is the azurelz:workload key, docs/azure.md)")
		return
	}
	elems, oks := l.objects(KeyWorkloads, allowWorkloads, workloadFields, workloadNumeric)
	names := map[string]int{}
	for i, m := range elems {
		if !oks[i] {
			continue
		}
		key := fmt.Sprintf("%s[%d]", KeyWorkloads, i)
		w := Workload{OperatingSystem: m["operatingSystem"], InstanceType: m["instanceType"], ImageID: m["imageId"]}
		ok := true
		switch v := m["name"]; {
		case v == "":
			l.missing(key+".name", "", allowWorkloadName)
			ok = false
		case !slugRE.MatchString(v):
			l.bad(key+".name", v, "is not a workload name", allowWorkloadName)
			ok = false
		default:
			if j, dup := names[v]; dup {
				l.bad(key+".name", v, fmt.Sprintf("is already the name of %s[%d]", qualify(KeyWorkloads), j), "a unique name")
				ok = false
			}
			names[v] = i
			w.Name = v
		}
		for _, f := range []string{"instanceType", "imageId"} {
			if m[f] == "" {
				l.missing(key+"."+f, "", map[string]string{"instanceType": "an instance type such as m7i.large", "imageId": "a machine image such as ami-0123456789abcdef0"}[f])
				ok = false
			}
		}
		whole := func(f string, required bool) (int, bool) {
			v, has := m[f]
			if !has || v == "" {
				if required {
					l.missing(key+"."+f, "", "a whole number")
				}
				return 0, !required
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				l.bad(key+"."+f, v, "is not a whole number", "a whole number such as 2")
				return 0, false
			}
			return n, true
		}
		var okMin, okMax bool
		w.MinSize, okMin = whole("minSize", true)
		w.MaxSize, okMax = whole("maxSize", true)
		ok = ok && okMin && okMax
		var set []string
		for _, f := range workloadDatabase {
			if m[f] != "" {
				set = append(set, f)
			}
		}
		if len(set) > 0 {
			db := &WorkloadDatabase{Engine: m["databaseEngine"], Version: m["databaseVersion"], InstanceClass: m["databaseInstanceClass"]}
			for _, f := range workloadDatabase {
				if m[f] == "" {
					l.missing(key+"."+f, "when "+set[0]+" is set", "all of databaseEngine, databaseVersion, databaseInstanceClass and databaseStorageGiB, or none")
					ok = false
				}
			}
			var okStorage bool
			db.StorageGiB, okStorage = whole("databaseStorageGiB", false)
			ok = ok && okStorage
			w.Database = db
		}
		if ok {
			s.Workloads = append(s.Workloads, w)
		}
	}
}

// backupCopyRoleARN reads landingzone:backupCopyRoleArn: AWS tier stacks only.
func (l *loader) backupCopyRoleARN(s *Stack) {
	v, ok := l.get(KeyBackupCopyRoleARN)
	switch {
	case !ok:
	case s.Cloud != CloudAWS || s.Role != RoleTier:
		l.bad(KeyBackupCopyRoleARN, v, "is set on a stack that is not an AWS tier", "only on cloud aws, role tier (the tier's backups are copied to the backup account)")
	case !iamRoleARNRE().MatchString(v):
		l.bad(KeyBackupCopyRoleARN, v, "is not an IAM role ARN", allowBackupCopyARN)
	default:
		s.BackupCopyRoleARN = v
	}
}
