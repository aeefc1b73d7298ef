"""The few facts of the reference graph that no pinned package gives, each with where it comes from.

Everything else is read from the packages (:mod:`mougraph.gazetteer.sources`); data/reference/README.md lists
these too.
"""

from __future__ import annotations

#: Mergers the registry's code pairs do not record (its rows of the absorbed body carry no successor code): (code
#: that ended, code it went into, day, the Act). The days are PublicDataReader's deletion days.
LINKS = (("4371000000", "4311000000", "2014-07-01", "청주시 설치 및 지원특례에 관한 법률 (청원군 into 청주시)"),
         ("4473000000", "3611000000", "2012-07-01", "세종특별자치시 설치 등에 관한 특별법 (연기군 into 세종)"))

#: 7-digit administrative agency codes (행정기관코드) found the same in two public copies of the official list:
#: the orgCd values of the animal-protection API in github.com/muzikamin/find_pet (src/apiData/sigungu.js,
#: commit 99031cf76e7b66a37cdb39b23842bf52650c9ef5) and the orgCode values of the localdata.go.kr region
#: selector copied on 2026-08-08 into a public repository's download script. By legal district code.
#: Codes found in one copy only (the other autonomous districts of the metropolitan cities) are not recorded.
ADMIN_CODES = {
    "1111000000": "3000000", "1114000000": "3010000", "1117000000": "3020000", "1120000000": "3030000",
    "1121500000": "3040000", "1123000000": "3050000", "1126000000": "3060000", "1129000000": "3070000",
    "1130500000": "3080000", "1132000000": "3090000", "1135000000": "3100000", "1138000000": "3110000",
    "1141000000": "3120000", "1144000000": "3130000", "1147000000": "3140000", "1150000000": "3150000",
    "1153000000": "3160000", "1154500000": "3170000", "1156000000": "3180000", "1159000000": "3190000",
    "1162000000": "3200000", "1165000000": "3210000", "1168000000": "3220000", "1171000000": "3230000",
    "1174000000": "3240000",
}
ADMIN_CODES_SOURCE = "admin-agency-code-copies"
