from . import test_bank_parsers
from . import test_lv_format
from . import test_personal_code
from . import test_security
from . import test_study_contract
