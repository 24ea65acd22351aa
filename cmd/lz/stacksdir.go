package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/components/config"
)

// stacksDir holds the stack files and knows how to show their paths.
type stacksDir struct {
	// dir is the directory, as given or found.
	dir string
	// cwd is the working directory; paths under it are shown relative to it.
	cwd string
}

// findStacksDir returns the directory given by --stacks-dir or, when flag is empty, the stack config
// directory of the project found by walking up from cwd to the first directory holding go.mod or
// Pulumi.yaml: Pulumi.yaml's stackConfigDir when it sets one, else "stacks".
func findStacksDir(flag, cwd string) (stacksDir, error) {
	if flag != "" {
		return stacksDir{dir: filepath.Clean(flag), cwd: cwd}, nil
	}
	for dir := cwd; ; dir = filepath.Dir(dir) {
		hasGoMod := exists(filepath.Join(dir, "go.mod"))
		hasProject := exists(filepath.Join(dir, "Pulumi.yaml"))
		if hasGoMod || hasProject {
			sub := "stacks"
			if hasProject {
				if s := stackConfigDir(filepath.Join(dir, "Pulumi.yaml")); s != "" {
					sub = s
				}
			}
			if !filepath.IsAbs(sub) {
				sub = filepath.Join(dir, sub)
			}
			return stacksDir{dir: sub, cwd: cwd}, nil
		}
		if filepath.Dir(dir) == dir {
			return stacksDir{}, &usageError{msg: fmt.Sprintf(
				"cannot find the stacks directory: no go.mod or Pulumi.yaml in %s or any directory above it: allowed --stacks-dir DIR", cwd)}
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// stackConfigDir returns the stackConfigDir of a Pulumi.yaml, or "" if it sets none or cannot be read.
func stackConfigDir(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var project struct {
		StackConfigDir string `yaml:"stackConfigDir"`
	}
	if yaml.Unmarshal(data, &project) != nil {
		return ""
	}
	return project.StackConfigDir
}

// show returns path relative to the working directory when it lies under it, else path itself.
func (d stacksDir) show(path string) string {
	if !filepath.IsAbs(path) || d.cwd == "" {
		return path
	}
	rel, err := filepath.Rel(d.cwd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

// file returns the shown path of a stack's file.
func (d stacksDir) file(stack string) string {
	return d.show(filepath.Join(d.dir, "Pulumi."+stack+".yaml"))
}

// files returns the shown paths of every Pulumi.<stack>.yaml in the directory, sorted.
func (d stacksDir) files() ([]string, error) {
	entries, err := os.ReadDir(d.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &inputError{lines: []string{d.show(d.dir) + ": no such stacks directory: allowed --stacks-dir DIR"}}
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &inputError{lines: []string{fmt.Sprintf("%s: cannot read the stacks directory (%v): allowed --stacks-dir DIR", d.show(d.dir), err)}}
	}
	var out []string
	for _, e := range entries {
		if _, ok := config.StackName(e.Name()); ok && !e.IsDir() {
			out = append(out, d.show(filepath.Join(d.dir, e.Name())))
		}
	}
	slices.Sort(out)
	return out, nil
}

// stackNames returns the names of the stacks in the directory, for error messages.
func (d stacksDir) stackNames() []string {
	files, _ := d.files()
	names := make([]string, 0, len(files))
	for _, f := range files {
		if n, ok := config.StackName(f); ok {
			names = append(names, n)
		}
	}
	return names
}
