"""The external checks (issue 5): the labelers and the readability scorer on five public labelled
data sets, one module each, with shared metrics and helpers and a runner that caches a full run.
"""

from analysis.validation.evaluation import binary_scores
from analysis.validation.external.clear import TEXTSTAT_CLEAR_FLESCH, load_clear
from analysis.validation.external.common import DEFAULT_SEED, RESULT_COLUMNS, missing_datasets
from analysis.validation.external.hedging import (
    hedge_cues,
    hedge_entries,
    hedge_words,
    load_hedging,
)
from analysis.validation.external.labelling import label_sentences
from analysis.validation.external.metrics import roc_auc, spearman
from analysis.validation.external.onestopenglish import (
    TEXTSTAT_ONESTOP_FK,
    load_onestopenglish,
    ordered_pair_share,
)
from analysis.validation.external.pledges import (
    PLEDGE_MAJORITY_ACCURACY,
    WILL_SHALL_ACCURACY,
    WILL_SHALL_F1,
    load_pledges,
    will_shall,
)
from analysis.validation.external.ptb import detokenise
from analysis.validation.external.runner import (
    CHECKS,
    DATASETS,
    code_fingerprint,
    default_cache_path,
    examples,
    load_or_run,
    run_external_checks,
)
from analysis.validation.external.specificity import (
    DIGITS_OR_CAPITALS_ACCURACY,
    SPECITELLER_ACCURACY,
    digits_or_capitals,
    load_specificity,
)

__all__ = [
    "CHECKS",
    "DATASETS",
    "DEFAULT_SEED",
    "DIGITS_OR_CAPITALS_ACCURACY",
    "PLEDGE_MAJORITY_ACCURACY",
    "RESULT_COLUMNS",
    "SPECITELLER_ACCURACY",
    "TEXTSTAT_CLEAR_FLESCH",
    "TEXTSTAT_ONESTOP_FK",
    "WILL_SHALL_ACCURACY",
    "WILL_SHALL_F1",
    "binary_scores",
    "code_fingerprint",
    "default_cache_path",
    "detokenise",
    "digits_or_capitals",
    "examples",
    "hedge_cues",
    "hedge_entries",
    "hedge_words",
    "label_sentences",
    "load_clear",
    "load_hedging",
    "load_onestopenglish",
    "load_or_run",
    "load_pledges",
    "load_specificity",
    "missing_datasets",
    "ordered_pair_share",
    "roc_auc",
    "run_external_checks",
    "spearman",
    "will_shall",
]
