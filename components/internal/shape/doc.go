// Package shape holds no code: its tests guard the public shape of the components. TestLayering keeps
// components/ free of stack-config, policy and program packages; TestOneShape checks that awslz and
// azurelz give the same idea the same argument name and type, and that the argument tables in their
// READMEs, generated from the source (`go test ./components/internal/shape -update`), line up row for
// row and match the code.
package shape
