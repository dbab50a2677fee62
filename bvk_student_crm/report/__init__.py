from . import bvk_agreement_report
