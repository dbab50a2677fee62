from . import res_company
from . import bvk_study_program
from . import bvk_academic_year
from . import bvk_semester
from . import bvk_student_group
from . import bvk_student
from . import bvk_study_contract
