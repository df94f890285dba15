"""Checks a news gold folder by hand: aliases occur verbatim, every capitalised word is accounted for.

Run ``python tests/unit/gold_check.py [folder]`` from the repository root (default: news_tune6).
The gold format has no field for "capitalised but no entity", so those words live here, per file,
instead of in the TOML the loader reads.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

GOLD = Path(__file__).parent / "entities_gold"
KINDS = {"person", "organisation", "place"}
FIELDS = {"name", "kind", "aliases", "optional", "also"}

#: Capitalised for grammar, not because they name something: function words, days, months,
#: titles and role words, broad adjectives.
COMMON = set("""
A An The This That These Those It Its In On At For From By With Without To Of And But Or If When While
After Before Since Until As He She They We I You His Her Their Our Us Them There Here Who What Which Why
How Some Many Most Several Few All Both Each Every No Not One Two Three Four Five Six Seven Eight Nine Ten
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Mr Mrs Ms Dr President Prime Minister Judge Justice Chief
Deputy Governor Mayor Senator Professor Sir Captain Coach General Inspector Colonel Major Director
Under Over About Only Also Yet Still Even Just More Less Last Next Such Other Another Any Officials
Police Prosecutors Residents Analysts Critics Experts Farmers Traders Doctors Investigators Lawyers
Soviet Muslim Christian Catholic Orthodox Islamic Western Eastern Northern Southern European African
Asian American Latin
""".split())

#: Per file: demonyms, languages, sentence-initial words and role words that are no entity there.
ALLOW = {
    "agriculture_vietnam_robusta_harvest": "Benchmark Brazilian Vietnamese",
    "aviation_bolivia_runway_excursion": "Because Bolivian English-language French Irish Passengers Public Suddenly "
                                         "Works",
    "business_kazakhstan_uranium_output": "Canadian Energy Kazakh Russian",
    "court_serbia_journalist_defamation": "Everything Serbian Student",
    "court_trinidad_privy_council_appeal": "British Caribbean Successive",
    "cricket_nepal_t20_qualifier": "Dutch Nepali-language",
    "crime_ecuador_banana_cocaine_seizure": "Balkan Belgian Criminal Dutch Ecuadorean Interior Mexican Officers "
                                            "Philippine Security Spanish Today Violence X-ray",
    "crime_philippines_scam_compound_raid": "According Brig Chinese Filipinos Gen Indonesian Philippine Rescued Sen "
                                            "Similar Vietnamese",
    "culture_sarajevo_film_festival": "Accepting Balkan Bosniak Bosnian Croatian Serb Serbian",
    "cycling_colombia_mountain_stage": "Colombian Dutch English-language Maybe My Spanish",
    "election_kyrgyzstan_snap_vote": "Independent Kyrgyz Russian Turnout Much Uzbek",
    "election_senegal_municipal_count": "Economic Mouride People Senegalese Turnout",
    "football_croatia_derby_stadium_ban": "Croatian Dutch",
    "health_jamaica_dengue_outbreak": "Jamaican Laboratory Medical Officer",
    "health_nigeria_lassa_fever": "Cover Lassa Nigerian Prof Research West",
    "museum_finland_sami_repatriation": "Among Culture Finnish Indigenous Lutheran My Nordic Repatriation Science "
                                        "Sámi Sámi-language",
    "politics_estonia_coalition_split": "Baltic Democrat Estonian Finance Russian-speaking Social Together",
    "rugby_georgia_six_nations_playoff": "Fans Frenchman Italian Supporters Tighthead Today",
    "science_chile_observatory_light_pollution": "Astronomers Chilean Local Science",
    "shipping_baltic_cable_anchor_drag": "Baltic English Finnish Lithuanian Military Russian Swedish",
    "shipping_ghana_tema_port_congestion": "Empty Ships Transport West Togolese Ghanaian Asia-Europe Ivorian",
    "tech_indonesia_data_centre_ransomware": "Communication Immigration Indonesian Indonesians Members Ransomware",
    # news_tune7
    "athletics_kenya_iten_doping_bans": "Kenyan Kenyans Category EPO Officials Anti-Doping Act Lieutenant "
                                        "Many Coaches Sports Cabinet Secretary",
    "court_pakistan_tax_tribunal_telecom": "Rs38bn Rs700 Retrospective Opposition Lawyers Tax GDP Finance",
    "election_guatemala_mayoral_recount": "Recount K'iche K'iche' Maya Democracy People Their Indigenous "
                                          "Election Spanish-language",
    "esports_romania_cluj_tournament": "Counter-Strike Czech English Romanian Danish European Esports "
                                       "Tonight Analysts Parents Not",
    "festival_morocco_essaouira_gnaoua": "Gnawa Maâlem West African My Portuguese-era Ten Now World "
                                         "Heritage Moroccans Malian French Shopkeepers Not Among",
    "fisheries_sri_lanka_trawler_ban": "Indian Commander Sri Lankan Families Scientists Trawl Politicians "
                                       "Local Talks",
    "health_kenya_hospital_doctors_strike": "Kenyan Health Cabinet Secretary Counties Patients Nobody Where",
    "hospital_new_zealand_gisborne_maternity": "Māori Women Cyclone Gabrielle Health Our My",
    "rail_ethiopia_djibouti_line": "Chinese Freight Passenger Economists Common Framework Chief Shipments",
    "telecoms_saskatchewan_rural_coverage": "Crown First Nations Opposition Rural My Chief Researchers "
                                            "Critics",
    "telecoms_ukraine_kharkiv_network_repair": "Russian Ukrainians Engineers Operators Azerbaijani Near",
    "university_portugal_coimbra_housing": "Portuguese Brazilian World Heritage Higher Education Opposition "
                                           "Data Students My",
    "weather_queensland_hail_insurance": "Hail Insurers Her State Opposition Crop",
    # news_tune8
    "corporate_japan_seven_i_spinoff": "Japanese Canadian Patience Foreign Now",
    "politics_spain_valencia_flood_budget": "Valencian-language Today Thousands Opposition Politicians",
    "election_india_bihar_assembly_count": "EVMs Turnout Hindi Maithili Bhojpuri Floods Whoever",
    "court_brazil_mariana_dam_settlement": "Writing Brazilian Anglo-Australian Krenak",
    "tennis_rome_italian_open_final": "Italian Today Norwegian Argentine Sports Polish Finally",
    "economy_mexico_banxico_rate_cut": "Headline Core Industrial Finance Mexican Economists Central Business",
    "disaster_greece_evia_wildfire": "Wildfire Beaufort Lt Gen Civil Protection Plans English",
    "tech_eu_google_adtech_order": "Competition Commissioner French MEP German Governments",
    "business_saudi_stc_share_sale": "Saudi Phones",
    "disaster_indonesia_marapi_cold_lava": "Cold Torrents Indonesians Rescue Minangkabau Volunteers",
    "labour_germany_ig_metall_zf_strike": "Thousands Now Chinese Figures Economists German Christmas",
    "space_kourou_ariane_weather_satellite": "Controllers French",
    "music_korea_kpop_photocard_fine": "K-pop Everybody Korean Wave Hallyu",
    "energy_czech_dukovany_nuclear_contract": "French Industry Trade Czech Korean Soviet-designed",
    "fintech_nigeria_cbn_onboarding_ban": "Innovation BVN POS Alhaji Consumer",
    # news_tune9
    "agriculture_ghana_cocoa_farmgate_price": "Ivorian Together Finance Twi Now Swiss Ghanaian Supporters",
    "court_vietnam_property_developer_fraud": "My Eleven English-language Outside Now Economists Vietnamese",
    "energy_denmark_offshore_wind_auction": "Danish Energy Steel Shares Swedish Speaking",
    "privacy_ireland_dpc_ryanair_fine": "Irish German People Consumer Speaking Tánaiste European",
    "rail_morocco_high_speed_marrakech": "Transport French Moroccan Spanish Financing Amazigh Economists Football "
                                         "Islamic",
    "dairy_new_zealand_fonterra_result": "NZ Net French Dutch Agriculture Workers",
    "cricket_pakistan_psl_final_lahore": "Chasing Tonight Urdu English Attendance Outside Tomorrow",
    "disaster_austria_tyrol_avalanche": "Avalanche Germans Dutch Swede German",
    "labour_belgium_antwerp_port_strike": "Trucks Employment Nobody Flemish Danish Strikes Economists Belgian",
    "volcano_iceland_reykjanes_grindavik": "Lava Icelandic Flights Geologists",
    "mining_zambia_konkola_copper_restart": "Indian Financing Demand English Chinese",
    "environment_uruguay_pulp_mill_river": "Finnish Environmental Chilean",
    "football_argentina_superclasico": "Argentine Uruguayan Visiting English",
    "energy_tanzania_lng_agreement": "LNG Norwegian Investors Tanzanians Swahili",
    "shipping_panama_canal_drought": "Spanish Shipping German Exports Environment Scientists El Niño Ports",
    # news_tune10
    "business_scotland_islay_distillery_takeover": "Scottish Italian Hebridean Nothing Scotch Islanders Gaelic",
    "energy_paraguay_itaipu_tariff": "Paraguayan Paraguayans Brazilian Business Data Opposition Guaraní",
    "labour_cambodia_garment_minimum_wage": "Garments Everything Chinese International Cambodian Protests "
                                            "Khmer-language Khmer New Year",
    "court_slovakia_constitutional_penal_code": "Slovak Hungarian Nobody",
    "disaster_fiji_cyclone_vanua_levu": "Cyclone Mahina Category Communications International Ratu Winston "
                                        "Hindi C-130 Taukei Indo-Fijian",
    "health_rwanda_drone_medicine_delivery": "French Now Marburg Rwandan Kinyarwanda",
    "basketball_lithuania_zalgiris_euroleague": "Tonight Basketball Lithuanian Polish-Lithuanian Baltic Tickets "
                                                "Public",
    "election_costa_rica_presidential_runoff": "Ticos Costa Ricans Nicaraguan",
    "energy_namibia_green_hydrogen_luderitz": "German Everybody Afrikaans Environmental Chinese German-language "
                                              "English Oshiwambo",
    "aquaculture_faroe_salmon_tax": "Faroese Danish Higher Norwegian",
    "tourism_albania_vlora_coast_resort": "Ionian My Albanian Emirati-funded",
    "economy_dominican_republic_rate_cut": "Dominican Dominicans Arrivals Cheap Thousands Haitian",
    "agriculture_madagascar_vanilla_price": "Bourbon US German Malagasy French",
    "hockey_latvia_riga_final": "Latvian Half Tonight Russian-led Canadian Public",
    "disaster_greenland_landslide_tsunami": "Landslide Danish Danes Everything Inuit Relations Scientists "
                                            "Greenlandic",
    # news_tune11
    "mining_uzbekistan_almalyk_tunnel_collapse": "Uzbek Rescuers Eleven Relatives Nobody Middle Labour Soviet-era "
                                                 "Water Russian-speaking Central South Korean",
    "telecoms_cote_divoire_customer_data_breach": "PIN SIM French Ivorian West Dioula Older",
    "markets_oman_shipping_listing": "Today Omani Omanis Sheikh Demand Sultanate Liquidity",
    "trade_armenia_brandy_import_ban": "Armenian Russian Russian-led Vineyards Russians Nobody Trucks Soviet-era",
    "rail_bulgaria_train_drivers_strike": "Bulgarian Stations Freight Rail",
    "election_surrey_bc_mayoral_race": "English Punjabi Sikh Traffic",
    "science_western_australia_radio_telescope": "Outback Astronomers Christmas Wajarri Yamaji Now Dutch Turning "
                                                 "Researchers",
    "water_arizona_groundwater_alfalfa_leases": "Saudi-owned Saudi Once Public",
    "pharma_japan_generic_drug_recall": "Japanese Swiss Shares",
    "surfing_el_salvador_punta_roca_final": "Salvadoran Peruvian Brazilian Today Surfers",
    "festival_benin_vodun_days_ouidah": "Drummers Zangbeto Vodun Today Afro-Brazilian DNA Dah Tourism Celebrations "
                                        "World Heritage Boat Fon Yoruba French CFA",
    "energy_malaysia_sarawak_gas_distribution": "Datuk Tengku Malaysian Much LNG Indonesian Sarawakian Investors "
                                                "Shares Premier",
    "skijumping_slovenia_planica_record": "Alpine Slovenians Slovenian Fans",
    "energy_timor_leste_greater_sunrise_pipeline": "Japanese LNG Vietnamese Tetum Portuguese Australian",
    "economy_guyana_oil_budget": "Guyanese Salaries Neighbours Tourism Venezuelan",
    # news_tune12
    "rail_laos_china_railway_freight": "Chinese Thai Durian Shippers",
    "water_jordan_zaatari_camp_wells": "Refugees Families Jordanians Syrians Pumps",
    "environment_tasmania_macquarie_harbour_salmon": "Tasmanian Maugean Below Canadian Brazilian Families Tourists "
                                                     "Premier Sen Norwegian",
    "mining_botswana_diamond_output_cut": "Unemployment Batswana Shops",
    "banking_angola_kwanza_devaluation": "Prices Production Much Payments Importers Bread Shares Angolans",
    "wine_moldova_exports_eu_shift": "Moldovan Russian Soviet-era Tourists Signs Grapes Polish",
    "ports_malta_freeport_expansion": "French Turkish Maltese Fishermen",
    "energy_bhutan_hydropower_bitcoin_mining": "Dasho Turbines Austrian Indian",
    "housing_maldives_ras_male_reclamation": "Dredgers Dutch Rents Environmental Divers Waves Loans Tourism",
    "disaster_png_porgera_highway_landslide": "Landslide Rescuers Trucks Villagers Tok Pisin Prices Australian "
                                              "Swedish Chinese",
    "fisheries_newfoundland_snow_crab_price": "Snow Hundreds Newfoundlanders",
    "tourism_belize_cruise_pier_reef": "World Heritage Corals Maya Kriol",
    "dam_tajikistan_rogun_financing": "Winters Tajik Italian Concrete Russian Villagers Neighbours",
    "steel_wales_port_talbot_furnace": "British Indian Half Prof Chinese",
    "power_puerto_rico_island_blackout": "Almost Spanish Sen Puerto Ricans English Lights",
    # END news_tune12
}

TOKEN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ž0-9][\w'’./&-]*")


def _occurs(alias: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(' "“(')
    return not before or before[-1] in ".!?:\n—" or text[:start].endswith(('"', "“"))


def check_text(stem: str, text: str, entities: list[dict]) -> list[str]:
    """Capitalised words outside every alias span and not allowed for this file."""
    allowed = COMMON | set(ALLOW.get(stem, "").split())
    spans = [s for e in entities for a in [*e["aliases"], *e.get("also", ())] for s in _occurs(a, text)]
    problems = []
    for tok in TOKEN.finditer(text):
        word = tok.group().rstrip(".'’-")
        word = word[:-2] if word.endswith("'s") else word
        if not word or not word[0].isupper() or any(s <= tok.start() < e for s, e in spans):
            continue
        if word in allowed or word.rstrip("s") in allowed:
            continue
        # A common word opening a sentence, when the text also uses it in lower case.
        if _sentence_initial(text, tok.start()) and _occurs(word.lower(), text):
            continue
        problems.append(f"{stem}: uncovered {word!r} in …{text[max(0, tok.start() - 30):tok.end() + 20]!r}")
    return problems


def check_file(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entities = data["entity"]
    problems = []
    for part in (data["title"], data["text"]):
        problems += check_text(path.stem, part, entities)
    whole = data["title"] + "\n" + data["text"]
    for e in entities:
        if e["kind"] not in KINDS or not set(e) <= FIELDS:
            problems.append(f"{path.stem}: bad entity {e}")
        problems += [f"{path.stem}: alias not in text {a!r}" for a in e["aliases"] if not _occurs(a, whole)]
    aliases = [a for e in entities for a in e["aliases"]]
    problems += [f"{path.stem}: alias given twice {a!r}" for a in sorted(set(aliases)) if aliases.count(a) > 1]
    words = len(data["text"].split())
    if not 400 <= words <= 700:
        problems.append(f"{path.stem}: {words} words")
    return problems


def main(folder: str = "news_tune6") -> int:
    problems = [p for path in sorted((GOLD / folder).glob("*.toml")) for p in check_file(path)]
    print("\n".join(problems) or "no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
