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
#: Codes found in one copy only are not recorded: the other metropolitan cities' districts and counties (find_pet,
#: e.g. 해운대구 3330000, 군위군 5141000), 경기도 6410000 and 강원특별자치도 6530000 (petner).
ADMIN_CODES = {
    "1111000000": "3000000", "1114000000": "3010000", "1117000000": "3020000", "1120000000": "3030000",
    "1121500000": "3040000", "1123000000": "3050000", "1126000000": "3060000", "1129000000": "3070000",
    "1130500000": "3080000", "1132000000": "3090000", "1135000000": "3100000", "1138000000": "3110000",
    "1141000000": "3120000", "1144000000": "3130000", "1147000000": "3140000", "1150000000": "3150000",
    "1153000000": "3160000", "1154500000": "3170000", "1156000000": "3180000", "1159000000": "3190000",
    "1162000000": "3200000", "1165000000": "3210000", "1168000000": "3220000", "1171000000": "3230000",
    "1174000000": "3240000",
    # four metropolitan cities: their uprCd in find_pet (the parent code of their districts and counties: 해운대구,
    # 달성군, 강화군, 울주군) and their orgCd in github.com/kylekim95/petner (src/constants/korOrg.ts, commit
    # 1b3bf8f7f88973f0feaa1e5b9e0257cfc5b08333), which also gives the seeds' codes as data/organisations.ttl does
    "2600000000": "6260000", "2700000000": "6270000", "2800000000": "6280000", "3100000000": "6310000",
}
ADMIN_CODES_SOURCE = "admin-agency-code-copies"

#: Cities designated 특례시 (지방자치법 제198조: a city of a million inhabitants or more keeps its tier, 시, and
#: gains the name and powers of a special case city): (legal district code of the city, first day). None of the
#: pinned packages gives the status; each day is stated alike by two news articles (SPECIAL_CITY_ARTICLES).
SPECIAL_CITIES = (("4111000000", "2022-01-13"), ("4128000000", "2022-01-13"), ("4146000000", "2022-01-13"),
                  ("4812000000", "2022-01-13"), ("4159000000", "2025-01-01"))
SPECIAL_CITY_SOURCE = "special-case-city-articles"
#: The articles, as found (read 2026-12-04): 수원, 고양, 용인, 창원 from 2022-01-13 (the revised Local Autonomy
#: Act in force one year after its promulgation on 2021-01-12); 화성 from 2025-01-01, the fifth.
SPECIAL_CITY_ARTICLES = (
    "내일뭐하지 (after 연합뉴스), 'D-98일 남았다..', http://tommorowwhat.kr/archives/37800: 2022년 1월 13일부터 "
    "수원시, 고양시, 용인시, 경남 창원시가 특례시로 승격",
    "언니베베 (after 뉴스1), https://unnibege.co/?p=6864762: the same four cities from 2022년 1월 13일",
    "대한전문건설신문, http://www.koscaj.com/news/articleView.html?idxno=224585: 수원·고양·용인·창원 4곳이 13일부터 "
    "특례시로 출범",
    "전자신문 2025-01-05, https://etnews.com/20250105000076: 화성시가 2025년 1월 1일 특례시로 공식 출범 (다섯 번째)",
    "화성타임즈 2025-01-06, https://hstimes.kr/sub_read.html?uid=12528: 2025년 1월 1일 화성특례시로 승격",
)

#: 7-digit codes found in one public copy only, recorded as mg:unconfirmedAdminAgencyCode (never as fact), by legal
#: district code: the metropolitan cities' districts and counties in find_pet (orgCd, commit above; 군위군 under
#: 대구) and 경기도, 강원특별자치도 in github.com/kylekim95/petner (src/constants/korOrg.ts, commit
#: 1b3bf8f7f88973f0feaa1e5b9e0257cfc5b08333). A district matched by its name and its city on 2024-01-01.
UNCONFIRMED_ADMIN_CODES = {
    "2611000000": "3250000", "2614000000": "3260000", "2617000000": "3270000", "2620000000": "3280000",
    "2623000000": "3290000", "2626000000": "3300000", "2629000000": "3310000", "2632000000": "3320000",
    "2635000000": "3330000", "2638000000": "3340000", "2641000000": "3350000", "2644000000": "3360000",
    "2647000000": "3370000", "2650000000": "3380000", "2653000000": "3390000", "2671000000": "3400000",
    "2711000000": "3410000", "2714000000": "3420000", "2717000000": "3430000", "2720000000": "3440000",
    "2723000000": "3450000", "2726000000": "3460000", "2729000000": "3470000", "2771000000": "3480000",
    "2772000000": "5141000",
    "2811000000": "3490000", "2814000000": "3500000", "2817700000": "3510500", "2818500000": "3520000",
    "2820000000": "3530000", "2823700000": "3540000", "2824500000": "3550000", "2826000000": "3560000",
    "2871000000": "3570000", "2872000000": "3580000",
    "2911000000": "3590000", "2914000000": "3600000", "2915500000": "3610000", "2917000000": "3620000",
    "2920000000": "3630000",
    "3011000000": "3640000", "3014000000": "3650000", "3017000000": "3660000", "3020000000": "3670000",
    "3023000000": "3680000",
    "3111000000": "3690000", "3114000000": "3700000", "3117000000": "3710000", "3120000000": "3720000",
    "3171000000": "3730000",
    "4100000000": "6410000", "5100000000": "6530000",
}
UNCONFIRMED_ADMIN_CODES_SOURCE = "admin-agency-code-one-copy"
