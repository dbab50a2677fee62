# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "BVK Student Relations",
    "summary": "Study contracts, students, groups and programmes of a Latvian "
    "business college, with the student relationship process",
    "version": "18.0.1.0.0",
    "category": "Education",
    "website": "https://www.bvk.lv",
    "author": "Biznesa vadības koledža",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "portal", "account"],
    "external_dependencies": {"python": ["num2words"]},
    "data": [
        "security/bvk_student_crm_groups.xml",
        "security/ir.model.access.csv",
        "security/bvk_student_crm_security.xml",
        "data/ir_sequence_data.xml",
        "report/bvk_study_contract_reports.xml",
        "report/bvk_study_contract_templates.xml",
        "data/mail_template_data.xml",
        "views/bvk_study_program_views.xml",
        "views/bvk_academic_year_views.xml",
        "views/bvk_semester_views.xml",
        "views/bvk_student_group_views.xml",
        "views/bvk_student_views.xml",
        "views/bvk_study_contract_views.xml",
        "views/res_company_views.xml",
        "views/bvk_student_crm_menus.xml",
    ],
    "demo": [],
}
