package netplan_test

import (
	"fmt"
	"net/netip"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

func ExampleAllocate() {
	plan, err := netplan.Allocate(netip.MustParsePrefix("10.20.0.0/16"), netplan.ProfileAZs())
	if err != nil {
		panic(err)
	}
	gold, _ := plan.TierRange(tier.Gold)
	fmt.Println("gold range:", gold.CIDR)
	for _, s := range gold.SubnetsFor(netplan.RoleWorkload) {
		fmt.Printf("gold workload AZ %d: %s\n", s.AZ, s.CIDR)
	}
	fmt.Println("hub firewall block:", plan.Hub.Block(netplan.RoleFirewall))
	// Output:
	// gold range: 10.20.128.0/18
	// gold workload AZ 0: 10.20.128.0/21
	// gold workload AZ 1: 10.20.136.0/21
	// hub firewall block: 10.20.0.0/20
}

func ExampleIntent_Validate() {
	plan, _ := netplan.Allocate(netip.MustParsePrefix("10.20.0.0/16"), netplan.ProfileAZs())
	bronze, _ := netplan.ParseEndpoint("bronze", nil)
	internet, _ := netplan.ParseEndpoint("internet", nil)
	ports, _ := netplan.ParsePorts("443")
	flows := []netplan.Flow{{From: bronze, To: internet, Protocol: netplan.ProtocolTCP, Ports: ports, Reason: "updates"}}
	for _, err := range (netplan.Intent{Plan: plan, Flows: flows}).Validate() {
		fmt.Println(err)
	}
	// Output:
	// Flows[0]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows
}

func ExampleParsePorts() {
	ports, err := netplan.ParsePorts("443, 8000-8080")
	fmt.Println(ports, err, netplan.FormatPorts(ports))
	_, err = netplan.ParsePorts("443,70000")
	fmt.Println(err)
	// Output:
	// [443 8000-8080] <nil> 443,8000-8080
	// invalid port range "70000" in "443,70000": port 70000 is out of range: ports are 1 to 65535
}
