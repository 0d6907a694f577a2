package claims

// ModelVersion names the models embedded in package claims: the cue
// lexicon (internal/lexicon/cues.tsv), the cue detector and span rankers
// (internal/cuemodel/cue.model, end.model, whose feature set is
// cuemodel.Version) and the confidence calibration
// (internal/cuemodel/calibration.tsv), all written by
// claims/internal/cmd/claimtrain from PolNeAR train. It changes whenever
// they are retrained, so a server's health endpoint or `saywho -version`
// tells which models produced a claim.
const ModelVersion = "claims-polnear-cuemodel3-endmodel4-2026-12-02.1"
