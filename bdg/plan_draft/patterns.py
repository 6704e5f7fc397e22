"""Every phrasing the plan draft recognises, in one place: a new phrasing is one line here.

Each entry is a named regular expression (or phrase table) with a comment saying what it finds.
Patterns are compiled case-insensitively on NFC text; :func:`bdg.plan_draft.text.clean` has
already normalised spaces, dashes and the old/new placement of tone marks ("uỷ"/"ủy").
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# --- numbers ------------------------------------------------------------------------------------------
# A Vietnamese number: thousands with a dot, decimals with a comma ("100.000", "22,33", "02").
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
YEAR = r"(?:19|20)\d{2}"
# Vietnamese letters by case (a range such as À-Ỹ mixes both cases).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# --- the document's structure -----------------------------------------------------------------------
# The decision's number: "Quyết định số 1000/QĐ-UBND", "Số: 25/KH-UBND".
# Strongest first: the "Số:" line, "(Kèm theo Quyết định số …)", then any "Quyết định số …".
DECISION_NUMBER = [
    _rx(r"^\s*Số\s*:\s*(?P<number>\d+\s*/\s*[A-ZĐ][A-ZĐ0-9\-]*)"),
    _rx(r"Kèm theo\s+(?:Quyết định|Kế hoạch)\s+số\s*:?\s*(?P<number>\d+\s*/\s*[A-ZĐ][A-ZĐ0-9\-]*)"),
    _rx(r"(?:Quyết định|Kế hoạch)\s+số\s*:?\s*(?P<number>\d+\s*/\s*[A-ZĐ][A-ZĐ0-9\-]*)"),
]
# A citation of another document, skipped when looking for the decision's own number and date.
CITATION = _rx(r"^\s*(?:Căn cứ|Theo|Xét đề nghị|Thực hiện\s+(?:Quyết định|Nghị quyết|Kế hoạch|Chỉ thị|Công văn))\b")
# Its date: "ngày 14 tháng 6 năm 2011" or "ngày 14/6/2011".
DECISION_DATE = [
    _rx(r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>" + YEAR + ")"),
    _rx(r"ngày\s+(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<year>" + YEAR + ")"),
]
# Its issuer: the header "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", else "của Ủy ban nhân dân tỉnh Bắc Kạn".
ISSUER = [
    re.compile(r"(?P<issuer>(?:ỦY BAN NHÂN DÂN|UBND)\s+(?:TỈNH|THÀNH PHỐ)\s+(?P<province>[" + UPPER + r"]+"
               r"(?:\s+[" + UPPER + r"]+){0,2}))(?![" + LOWER + r"])"),
    _rx(r"của\s+(?P<issuer>(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân)\s+(?:tỉnh|thành phố)\s+"
        r"(?P<province>[A-ZÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZÀ-Ỹ][\wÀ-ỹ]*){0,3}))"),
]
# The place and date line under the national motto: "Mẫu, ngày 20 tháng 9 năm 2021" (the province, as a fallback).
PLACE_DATE = re.compile(r"(?:^|(?<=\s))(?P<place>[" + UPPER + "][" + LOWER + r"]*(?:\s+[" + UPPER + "][" + LOWER
                        + r"]*){0,2}),\s*ngày\s+\d")
# The title: what Điều 1 approves or issues, or a "V/v" line.
TITLE = [
    _rx(r"^\s*(?P<title>(?:Kế hoạch\s+)?thực hiện\s+Chiến lược\s.+?)\s*$"),
    _rx(r"(?:Phê duyệt|Ban hành)\s+(?P<title>Kế hoạch\s.+?)(?:\s*\(Kèm theo|\s*\.\s*$|$)"),
    _rx(r"^\s*(?:V/v|Về việc)\s+(?P<title>.+?)\s*$"),
]
# The period: "giai đoạn 2011 - 2015 và định hướng đến năm 2020", "giai đoạn 2021-2030".
PERIOD = _rx(r"giai đoạn\s+(?P<start>" + YEAR + r")\s*-\s*(?P<end>" + YEAR + r")"
             r"(?:\s*,?\s*(?:và\s+)?(?:định hướng|tầm nhìn)\s+đến\s+năm\s+(?P<outlook>" + YEAR + "))?")
# The yearly report's deadline: "báo cáo kết quả thực hiện hàng năm (trước ngày 10 tháng 11)".
REPORT_DEADLINE = _rx(r"báo cáo[^.]{0,120}?trước ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s*|/)\s*(?P<month>\d{1,2})")

# Headings that open a part of the plan (a roman numeral, or a bare line in capitals).
ROMAN_HEADING = _rx(r"^\s*(?P<roman>[IVX]{1,5})\s*[.\-–]\s*(?P<title>.+)$")
# The part holding the specific objectives and their targets.
OBJECTIVES_PART = _rx(r"mục tiêu cụ thể|các mục tiêu|mục tiêu,?\s*chỉ tiêu")
# Parts that end the objectives (solutions, tasks, organisation) or hold the assignments.
AFTER_OBJECTIVES_PART = _rx(r"giải pháp|nhiệm vụ|tổ chức thực hiện|kinh phí")
ASSIGNMENT_PART = _rx(r"tổ chức thực hiện|phân công")
# The annex: "PHỤ LỤC", "Phụ lục 1", "BIỂU CHỈ TIÊU".
ANNEX_HEADING = _rx(r"^\s*(?:PHỤ LỤC|Phụ lục\s*[\dIVX]*\s*$|Phụ lục\s*[\dIVX]*\s*[:.\-–]|BIỂU CHỈ TIÊU)")

# An objective: "Mục tiêu 1: …" (optionally after "a)"), or "1. …" inside the objectives part, …
OBJECTIVE_NAMED = _rx(r"^\s*(?:[a-zđ]\)\s*)?Mục tiêu\s+(?P<number>\d+)\s*[:.\-–]\s*(?P<title>.+)$")
OBJECTIVE_NUMBERED = _rx(r"^\s*(?P<number>\d+)\s*[.)]\s+(?P<title>[^\d].+)$")
# … or "a) …" (numbered by the Vietnamese alphabet: a, b, c, d, đ, e…).
LETTERS = "abcdđeghiklmnopqrstuvxy"
OBJECTIVE_LETTERED = _rx(r"^\s*(?P<number>[" + LETTERS + r"])\)\s+(?P<title>.+)$")
SUB_PART = _rx(r"^(?:mục tiêu chung|mục tiêu cụ thể|mục tiêu tổng quát|các mục tiêu|chỉ tiêu cụ thể)\b")  # not an objective
OBJECTIVE_HEADINGS = [OBJECTIVE_NAMED, OBJECTIVE_NUMBERED, OBJECTIVE_LETTERED]  # tried in this order
# A target: "- Chỉ tiêu 1: …", "Chỉ tiêu 2. …", "Chỉ tiêu 1.2: …" (objective.target).
TARGET_NAMED = _rx(r"^\s*[-–•+]?\s*Chỉ tiêu\s+(?:\d+\.)?(?P<number>\d+)\s*[:.\-–]\s*(?P<text>.*)$")
# A bullet inside an objective (a target when it names a milestone value): "- …", "a) …".
BULLET = _rx(r"^\s*(?:[-–•]|[a-zđ]\))\s*(?P<text>.+)$")
# A sub-item of a target ("+ …"): one series each.
SUB_ITEM = _rx(r"^\s*\+\s*(?P<text>.+)$")

# --- milestones -------------------------------------------------------------------------------------
# A milestone year: "đến năm 2015", "vào năm 2020", "năm 2025"; "duy trì đến năm 2020" keeps the value.
MILESTONE_YEAR = _rx(r"(?P<keep>duy trì\s+)?(?:(?:đến|tới|vào|trong|cuối)\s+)*năm\s+(?P<year>" + YEAR + r")")
# A term of office: "nhiệm kỳ 2016 - 2020" (the milestone is its last year).
TERM = _rx(r"nhiệm kỳ\s+(?P<start>" + YEAR + r")\s*-\s*(?P<year>" + YEAR + r")")
# Every year of the period: "Hằng năm", "hàng năm", "mỗi năm".
EVERY_YEAR = _rx(r"\b(?:hằng|hàng|mỗi)\s+năm\b")

# --- values, units and strictness --------------------------------------------------------------------
# A measured value: a number with its unit ("40%", "2 lần", "58,3/100.000 trẻ đẻ sống",
# "113 trẻ sơ sinh trai/100 trẻ sơ sinh gái", "115/100").
VALUE = _rx(r"(?P<number>" + NUMBER + r")\s*(?:(?P<percent>%)"
            r"|(?P<times>lần)\b"
            r"|(?P<boys>(?:trẻ sơ sinh|trẻ|bé)\s+trai)\s*/\s*(?P<boys_den>\d+)\s*(?:(?:trẻ sơ sinh|trẻ|bé)\s+gái)?"
            r"|/\s*(?P<den>" + NUMBER + r")(?P<per>\s+(?:trẻ em đẻ sống|trẻ đẻ sống|ca đẻ|dân|người dân|phụ nữ"
            r"|trẻ sơ sinh gái|bé gái))?)")
# Numbers that are not values: ages, counts of years, a condition's own threshold.
NOT_A_VALUE = _rx(r"(?:dưới|từ|trên|đến)\s+\d+\s+tuổi|\d+\s+tuổi|\bnếu\b.*$|\(có\s+(?:từ\s+)?\d+\s*%[^)]*\)")

# Strictness and direction words right before a value (the nearest one wins).
STRICT_ABOVE = _rx(r"\btrên\s*$")  # "trên 90%": more than, no equality
STRICT_BELOW = _rx(r"\bdưới\s*$")  # "dưới 52/100.000": less than, no equality
AT_LEAST_WORDS = _rx(r"(?:từ|ít nhất|tối thiểu|không thấp hơn|không dưới)\s*(?:đạt\s*)?$")
AT_MOST_WORDS = _rx(r"(?:không vượt quá|không quá|tối đa|không cao hơn|xuống còn|còn|xuống|xuống dưới|ở mức)\s*$")
ABOVE_AFTER = _rx(r"^\s*trở lên")  # "từ 20% trở lên": at least, equality allowed

# Directions of a whole series, looked for in this order (first match wins).
DIRECTION_PHRASES: list[tuple[str, re.Pattern[str]]] = [
    # each sex at least a share: "bảo đảm ít nhất đạt 40% cho mỗi giới", "mỗi giới tối thiểu 40%"
    ("each_sex_at_least", _rx(r"mỗi giới|cho mỗi giới|mỗi giới tính")),
    # a reduction by a share of the baseline: "giảm 60% …", "giảm được 30% so với"
    ("reduce_by_share", _rx(r"\bgiảm\s+(?:được\s+|ít nhất\s+|tối thiểu\s+)?(?:" + NUMBER + r")\s*%")),
    # a ceiling: "không vượt quá", "giảm … xuống", "rút ngắn … xuống", "dưới", "khống chế", "tối đa"
    ("at_most", _rx(r"không vượt quá|không quá|tối đa|khống chế|\bxuống\b|giảm\s[^%]*?\bcòn\b"
                    r"|\bdưới\s+(?:" + NUMBER + r")\s*(?:%|/|lần)")),
]

# Units: the unit label drafted for a value kind; a ratio's label keeps the text's own words.
UNIT_LABELS = {
    "percent": "%",
    "times": "lần",
    "boys": "trẻ trai/{den} trẻ gái",  # "113 trẻ sơ sinh trai/100 trẻ sơ sinh gái"
    "per": "/{den}{per}",  # "58,3/100.000 trẻ đẻ sống" → "/100.000 trẻ đẻ sống"
}

# The population an "each sex" target counts: "trong tổng số người được tạo việc làm mới".
EACH_SEX_POPULATION = _rx(r"trong\s+(?P<population>tổng số [^,;]+)")
# "giảm" that is not a direction ("giảm nghèo" is a programme's name), and "giảm" left unexplained.
NOT_A_REDUCTION = _rx(r"giảm nghèo")
REDUCTION_WORD = _rx(r"\bgiảm\b")

# --- baselines ----------------------------------------------------------------------------------------
# A past result in brackets: "(nhiệm kỳ 2011-2015 đạt 16%)", "(năm 2020: 40%)", "(năm 2020 là 35%)".
BASELINE_BRACKET = _rx(r"\(\s*(?P<period>(?:nhiệm kỳ|năm|giai đoạn)\s+" + YEAR + r"(?:\s*-\s*" + YEAR + r")?)"
                       r"\s*(?:đạt|là|:|=)?\s*(?P<number>" + NUMBER + r")\s*(?P<unit>%|lần)?[^)]*\)")
# A comparison year without a value: "so với năm 2010".
BASELINE_COMPARED = _rx(r"so với\s+(?P<period>(?:năm|cuối năm|giai đoạn|nhiệm kỳ)\s+(?P<year>" + YEAR + r")"
                        r"(?:\s*-\s*" + YEAR + r")?)")

# --- splitting a target into series ------------------------------------------------------------------
# Where a new paragraph starts in a PDF's text layer (a heading, a bullet, a numbered item, a citation).
PARAGRAPH_START = re.compile(
    r"^(?:[-–•+]\s|[IVX]{1,5}\s*[.\-]\s|\d+(?:\.\d+)*\s*[.)]\s|[a-zđ]\)\s|Mục tiêu\s+\d|Chỉ tiêu\s+\d|Điều\s+\d"
    r"|PHỤ LỤC|Phụ lục|QUYẾT ĐỊNH|KẾ HOẠCH|Số\s*:|Nơi nhận|Căn cứ|Xét đề nghị|Thực hiện\s+(?:Quyết định|Nghị quyết"
    r"|Kế hoạch|Chỉ thị|Công văn|Chiến lược))")
# Sentences: a full stop followed by a capital letter.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ\"“(])")

# --- the series' name ---------------------------------------------------------------------------------
# Leading words that are not the indicator: "Phấn đấu", "Đến năm 2015,", "Hằng năm,"…
NAME_LEAD_WORDS = _rx(r"^(?:(?:phấn đấu|bảo đảm|đảm bảo|duy trì|tiếp tục)\s+(?:đạt\s+|để\s+)?)+")
# A verb that starts an indicator phrase and goes: "Giảm tỷ lệ …" → "Tỷ lệ …".
NAME_VERBS = _rx(r"^(?:tăng|nâng|giảm|rút ngắn|hạ|kéo giảm|nâng cao|duy trì)\s+(?=tỷ|khoảng|số|mức|chỉ)")
# Where the indicator's name ends: the first value verb, milestone or value.
NAME_END = _rx(r"\s+(?:đạt|đạt được|nhiệm kỳ|không vượt quá|không quá|xuống|lên|vào năm|đến năm|năm\s+" + YEAR
               + r"|từ\s+(?=\d)|trên\s+(?=\d)|dưới\s+(?=\d)|ở mức|là\s+(?=\d)|(?=\d+(?:[,.]\d+)?\s*%))")
# A head that is only a verb: the indicator comes after the value ("Giảm 10% số vụ …").
VERB_ONLY = _rx(r"^(?:giảm|tăng|đạt|có|nâng)?$")
# A verb left at the start of a name taken after the values ("… đạt 90% có …" → "…").
NAME_TAIL_VERB = _rx(r"^(?:có|đạt|là)\s+")
# A name that already says it is a share ("Tỷ lệ …", "Tỷ số …"): no "Tỷ lệ" added.
NAME_IS_RATIO = _rx(r"^(?:tỷ lệ|tỷ số)\b")
# A head that only adds milestones ("và đạt 75% vào năm 2030"): no name of its own.
NAME_NONE = _rx(r"^(?:và\s+)?(?:đạt|đến|vào|năm)\b")
# Words dropped before "Mức giảm …" ("Tỷ lệ sản phẩm …" → "Mức giảm sản phẩm …").
REDUCTION_NAME_DROP = _rx(r"^(?:tỷ lệ|giảm)\s+")
# The milestone words a qualitative target's name starts with ("Đến năm 2015 và duy trì đến năm 2020 …").
QUALITATIVE_NAME_DROP = _rx(r"^(?:đến|vào)\s+(?:vào\s+)?năm\s+\d{4}\s*(?:và\s+duy trì\s+đến\s+năm\s+\d{4})?\s*,?\s*")
# What follows the last value when the value comes first ("… đạt 90% Ủy ban nhân dân các cấp …").
NAME_TAIL_LEAD = _rx(r"^(?:có|đạt|là)?\s*(?:số\s+|các\s+)?")

# --- agencies -----------------------------------------------------------------------------------------
# An assignment: "Sở Y tế chủ trì, phối hợp với Sở A, Sở B … thực hiện …".
ASSIGNMENT = _rx(r"^\s*(?:\d+\s*[.)]\s*|[a-zđ]\)\s*|[-–•]\s*)?(?P<lead>[^;:]{3,120}?)\s+(?:là cơ quan\s+)?chủ trì"
                 r"\s*,?\s*(?:phối hợp(?:\s+với)?\s+(?P<coordinating>.+?))?"
                 r"\s*(?P<task>(?-i:(?:tổ chức(?! chính trị)|xây dựng|thực hiện|triển khai|hướng dẫn|vận động|tăng cường|căn cứ|rà soát"
                 r"|bố trí|đẩy mạnh|lồng ghép|theo dõi|chỉ đạo|nghiên cứu|tham mưu|trình|kiểm tra|nâng cao|phụ trách"
                 r"|bảo đảm|đảm bảo)\b|:).*)$")  # task verbs in lower case: "Ban Tổ chức Tỉnh ủy" is a name
# Words that begin an agency's name (a closed list of the kinds of provincial bodies).
AGENCY_START = re.compile(r"^(?:Sở|Ban|Hội|Công an|Bộ Chỉ huy|Đài|Báo|Liên đoàn|Tỉnh đoàn|Đoàn|Ủy ban|UBND|Cục|Ngân hàng"
                   r"|Chi nhánh|Bảo hiểm|Trường|Viện|Văn phòng|Thanh tra|Kho bạc|Liên minh|Hội đồng)\b")
# Generic mentions that are not one agency: "các Sở, ngành liên quan", "các cơ quan liên quan".
AGENCY_GENERIC = _rx(r"^(?:các|những|cơ quan|đơn vị|ngành)\b|liên quan$|\bcác\b")
# Words dropped from an agency's name before codes and comparisons (a spelling-free key).
AGENCY_KEY_DROP = _rx(r"[-–,&.]|\b(?:và|tỉnh)\b")
# Where a list of agencies splits ("Sở A; Sở B, Sở C và các sở, ngành liên quan").
AGENCY_LIST_SPLIT = _rx(r"\s*(?:;|,|\n|\bvới\b)\s*|\s+và\s+(?=các\b)")
# "và" between two agencies, not inside a name ("Sở Tài chính và Sở Nội vụ"; "Sở Kế hoạch và Đầu tư" stays).
AGENCY_AND = re.compile(r"\s+và\s+(?=(?:Sở|Ban|Hội|Công an|Đài|Báo|Liên đoàn|Tỉnh đoàn|Ủy ban|Cục|Ngân hàng)\b)")
# Objectives and targets an assignment names: "thực hiện mục tiêu 4", "chỉ tiêu 2 của mục tiêu 1".
ASSIGNED_OBJECTIVES = _rx(r"mục tiêu\s+(?P<numbers>\d+(?:\s*(?:,|và)\s*\d+)*)")
ASSIGNED_TARGET = _rx(r"chỉ tiêu\s+(?P<target>\d+)\s+(?:của|thuộc)\s+mục tiêu\s+(?P<objective>\d+)"
                      r"|chỉ tiêu\s+(?P<objective2>\d+)\.(?P<target2>\d+)")

# --- the annex table ----------------------------------------------------------------------------------
# Header words naming a column.
ANNEX_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("content", _rx(r"nội dung|mục tiêu|tên chỉ tiêu")),
    ("coordinating", _rx(r"phối hợp")),
    ("lead", _rx(r"chủ trì")),
    ("value", _rx(r"chỉ tiêu|kết quả|năm\s+" + YEAR)),
]
# A value in the annex's value column, with an optional label: "- Thạc sĩ: 40%".
ANNEX_STRICT = _rx(r"(?:trên|dưới|>|<)\s*$")  # "trên 35%" in a value column: no equality
ANNEX_VALUE = _rx(r"(?:(?P<label>[^\d:\n]{2,40}):\s*)?(?P<value>" + NUMBER + r")\s*(?P<unit>%|/\s*[\d.]+|lần)?")
