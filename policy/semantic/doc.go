// Package semantic holds the meaning of the values rules read, once, so that every rule reads them as the
// cloud evaluates them rather than literally:
//
//   - address sets (addr.go): any list of prefixes (IPv4 and IPv6 CIDRs, bare addresses, "*", "Any",
//     "Internet", Azure service tags, AWS managed prefix lists) decided by their union: two halves of the
//     IPv4 space are "anywhere"; a set that covers every public address is "anywhere" even when it skips
//     private ranges; a broad multi-tenant service tag ("AzureCloud") is as good as the internet;
//   - protocols and ports (ports.go): protocols as each cloud spells them ("-1", "all", "*", "Any",
//     numbers, names in any case) and port ranges (fromPort/toPort, "22", "20-30", "*", lists), with the
//     administrative and database ports a range may cover;
//   - packet filters (filter.go): the rules of a security group, network ACL or NSG evaluated as the
//     cloud does (in order, first match decides, a deny takes its sources out of later allows), point by
//     point over protocols and ports, to tell which allow rules admit traffic from anywhere (Exposed).
//
// Other files of the package hold the meaning of identity and key values. The package imports only the
// standard library and is pure: its parsers never panic, whatever the input (fuzz targets prove it).
package semantic
