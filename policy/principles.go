package policy

import "strings"

// Principle is one of the NCSC Cloud Security Principles (or one of its sub-principles).
type Principle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// principles is the NCSC Cloud Security Principles catalogue, with the sub-principles rules cite.
var principles = []Principle{
	{"1", "Data in transit protection"},
	{"2", "Asset protection and resilience"},
	{"2.1", "Physical location and legal jurisdiction"},
	{"2.2", "Data centre security"},
	{"2.3", "Data at rest protection"},
	{"2.4", "Data sanitisation"},
	{"2.5", "Equipment disposal"},
	{"2.6", "Physical resilience and availability"},
	{"3", "Separation between customers"},
	{"4", "Governance framework"},
	{"5", "Operational security"},
	{"5.1", "Configuration and change management"},
	{"5.2", "Vulnerability management"},
	{"5.3", "Protective monitoring"},
	{"5.4", "Incident management"},
	{"6", "Personnel security"},
	{"7", "Secure development"},
	{"8", "Supply chain security"},
	{"9", "Secure user management"},
	{"10", "Identity and authentication"},
	{"11", "External interface protection"},
	{"12", "Secure service administration"},
	{"13", "Audit information and alerting for customers"},
	{"14", "Secure use of the service"},
}

// Principles returns the 14 NCSC Cloud Security Principles and their cited sub-principles, in order.
func Principles() []Principle { return append([]Principle(nil), principles...) }

// TopLevelPrinciples returns the 14 principles without sub-principles.
func TopLevelPrinciples() []Principle {
	var out []Principle
	for _, p := range principles {
		if !strings.Contains(p.ID, ".") {
			out = append(out, p)
		}
	}
	return out
}

// PrincipleByID returns a principle or sub-principle by its ID.
func PrincipleByID(id string) (Principle, bool) {
	for _, p := range principles {
		if p.ID == id {
			return p, true
		}
	}
	return Principle{}, false
}

// TopLevel returns the ID of the principle a (sub-)principle belongs to: "2.3" -> "2".
func TopLevel(id string) string {
	if i := strings.IndexByte(id, '.'); i >= 0 {
		return id[:i]
	}
	return id
}
