from . import bvk_bank_import_upload
from . import bvk_study_contract_agreement
from . import bvk_study_schedule_import
from . import bvk_lms_activity_import
from . import bvk_academic_agreement_create
from . import bvk_reminder_preview
