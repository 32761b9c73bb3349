"""Word lists the demo draws enterprise and delegate names from (deterministically)."""

CITIES = {
    "US": [("California", "San Jose"), ("New York", "New York"), ("Texas", "Austin"),
           ("Illinois", "Chicago"), ("Washington", "Seattle"), ("Massachusetts", "Boston")],
    "CA": [("Ontario", "Toronto"), ("British Columbia", "Vancouver"), ("Quebec", "Montreal")],
    "JP": [("Tokyo", "Tokyo"), ("Osaka", "Osaka"), ("Aichi", "Nagoya")],
    "IN": [("Karnataka", "Bangalore"), ("Maharashtra", "Pune"), ("Telangana", "Hyderabad")],
    "KR": [("Seoul", "Seoul"), ("Gyeonggi", "Seongnam"), ("Busan", "Busan")],
    "GB": [("England", "London"), ("England", "Manchester"), ("Scotland", "Edinburgh")],
    "DE": [("Bavaria", "Munich"), ("Berlin", "Berlin"), ("Hesse", "Frankfurt")],
    "FR": [("Ile-de-France", "Paris"), ("Auvergne-Rhone-Alpes", "Lyon")],
    "SG": [("Singapore", "Singapore")],
    "AU": [("New South Wales", "Sydney"), ("Victoria", "Melbourne")],
    "IE": [("Leinster", "Dublin")],
    "NL": [("North Holland", "Amsterdam"), ("South Holland", "Rotterdam")],
    "SE": [("Stockholm", "Stockholm")],
    "FI": [("Uusimaa", "Helsinki")],
    "IL": [("Tel Aviv", "Tel Aviv")],
    "RU": [("Moscow", "Moscow"), ("Saint Petersburg", "Saint Petersburg")],
    "MY": [("Kuala Lumpur", "Kuala Lumpur"), ("Penang", "George Town")],
    "HK": [("Hong Kong", "Hong Kong")],
    "TW": [("Taipei", "Taipei"), ("Hsinchu", "Hsinchu")],
    "PH": [("Metro Manila", "Manila")],
    "CN": [("Jiangsu", "Nanjing"), ("Jiangsu", "Suzhou"), ("Jiangsu", "Wuxi"),
           ("Shanghai", "Shanghai"), ("Beijing", "Beijing"), ("Liaoning", "Dalian"),
           ("Zhejiang", "Hangzhou"), ("Guangdong", "Shenzhen")],
}

CITY_ZH = {"Nanjing": "南京", "Suzhou": "苏州", "Wuxi": "无锡", "Shanghai": "上海",
           "Beijing": "北京", "Dalian": "大连", "Hangzhou": "杭州", "Shenzhen": "深圳"}

FOREIGN_WORDS = ["Atlas", "Beacon", "Cedar", "Delta", "Evergreen", "Falcon", "Granite",
                 "Harbor", "Horizon", "Keystone", "Lumen", "Meridian", "Northstar", "Orbit",
                 "Pinnacle", "Quantum", "Redwood", "Sapphire", "Summit", "Vertex", "Maple",
                 "Sakura", "Lotus", "Aurora", "Zenith", "Polaris", "Crescent", "Nimbus"]

FOREIGN_SUFFIX = {"US": "Inc.", "CA": "Inc.", "JP": "K.K.", "IN": "Pvt. Ltd.",
                  "KR": "Co., Ltd.", "GB": "Ltd", "DE": "GmbH", "FR": "SAS", "SG": "Pte. Ltd.",
                  "AU": "Pty Ltd", "IE": "Ltd", "NL": "B.V.", "SE": "AB", "FI": "Oy",
                  "IL": "Ltd.", "RU": "LLC", "MY": "Sdn. Bhd.", "HK": "Limited",
                  "TW": "Co., Ltd.", "PH": "Inc."}

CHINESE_WORDS = [("Yunfan", "云帆"), ("Huaxin", "华信"), ("Zhongke", "中科"), ("Jinling", "金陵"),
                 ("Taihu", "太湖"), ("Hongtu", "宏图"), ("Ruitong", "瑞通"), ("Tianhe", "天合"),
                 ("Xinghai", "星海"), ("Boyuan", "博远"), ("Kaida", "凯达"),
                 ("Lianchuang", "联创"), ("Shuguang", "曙光"), ("Zhiyuan", "致远"),
                 ("Hengtai", "恒泰"), ("Yuanjing", "远景")]

FIELD_WORDS = {
    "cartoon-animation": ("Animation", "动漫"),
    "software": ("Software", "软件"),
    "applied-tech-rd": ("Technology", "科技"),
    "pharma-rd": ("Pharmaceutical R&D", "医药研发"),
}

SERVICES = {
    "cartoon-animation": ["2D animation", "3D modelling", "post-production", "game art",
                          "character design", "visual effects"],
    "software": ["custom software development", "software testing", "ERP implementation",
                 "mobile applications", "cloud migration", "IT help desk"],
    "applied-tech-rd": ["embedded systems", "industrial design", "materials testing",
                        "automotive electronics", "simulation and CAE", "chip verification"],
    "pharma-rd": ["clinical data management", "biostatistics", "medicinal chemistry",
                  "regulatory writing", "pharmacovigilance", "bioanalysis"],
}

GIVEN = {
    "en": ["James", "Mary", "Robert", "Linda", "David", "Susan", "Michael", "Karen", "Daniel",
           "Emily", "Andrew", "Sarah"],
    "ja": ["Hiroshi", "Yuki", "Takeshi", "Aiko", "Kenji", "Naomi"],
    "hi": ["Arjun", "Priya", "Rahul", "Anita", "Vikram", "Deepa"],
    "ko": ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Su-bin"],
    "de": ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Marie"],
    "fr": ["Louis", "Camille", "Hugo", "Chloe", "Jules", "Manon"],
    "zh": ["Wei", "Fang", "Lei", "Jing", "Tao", "Min", "Hao", "Yan"],
}
FAMILY = {
    "en": ["Smith", "Johnson", "Brown", "Miller", "Wilson", "Taylor", "Clark", "Walker"],
    "ja": ["Sato", "Suzuki", "Tanaka", "Watanabe", "Ito", "Yamamoto"],
    "hi": ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair"],
    "ko": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
    "de": ["Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"],
    "fr": ["Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Girard"],
    "zh": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Zhou"],
}
LANGUAGE_OF = {"JP": "ja", "IN": "hi", "KR": "ko", "DE": "de", "FR": "fr", "CN": "zh",
               "HK": "zh", "TW": "zh"}
SPOKEN = {"ja": "ja,en", "hi": "en,hi", "ko": "ko,en", "de": "de,en", "fr": "fr,en",
          "zh": "zh,en", "en": "en"}

TITLES = [  # (title, seniority value)
    ("Outsourcing Manager", 20), ("Senior Sourcing Manager", 30),
    ("Director of Global Sourcing", 40), ("Vice President, Procurement", 50),
    ("Chief Executive Officer", 60),
]
JUNIOR_TITLE = ("Sourcing Assistant", 10)
