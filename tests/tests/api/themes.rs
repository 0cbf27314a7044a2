//! Themes (issue 15): the seeded list, kept by the business office, tagged on cases, and the
//! themes across cases over time with the recurrent ones first.
use serde_json::{json, Value};
use tests::*;

fn labels(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|t| t["label"].as_str().unwrap().to_string()).collect()
}

fn id_of(list: &Value, label: &str) -> String {
    list.as_array().unwrap().iter().find(|t| t["label"] == label).unwrap()["id"].as_str().unwrap().to_string()
}

#[test]
fn the_office_keeps_the_list_and_a_recurrent_theme_stands_out() {
    let api = Api::shared();
    let (slug, office) = office_of_new_partnership("themes");
    let base = format!("/api/v1/t/{slug}");
    let seeded = api.get(&format!("{base}/themes"), &office);
    assert_eq!(seeded.status, 200, "{seeded:?}");
    assert_eq!(labels(&seeded.body), shared::learning::SEEDED_THEMES);

    // the office renames one, retires one, drops one, adds one
    let mut themes: Vec<Value> = seeded.body.as_array().unwrap().clone();
    themes[0]["label"] = json!("Neglect, including poverty");
    themes[1]["retired"] = json!(true);
    themes.remove(2);
    themes.push(json!({"label": "County lines"}));
    let r = api.put(&format!("{base}/themes"), &office, &json!({ "themes": themes }));
    assert_eq!(r.status, 200, "{r:?}");
    let list = r.body.clone();
    let names = labels(&list);
    assert_eq!(names[0], "Neglect, including poverty");
    assert_eq!(names.last().unwrap(), "County lines");
    assert!(!names.contains(&shared::learning::SEEDED_THEMES[2].to_string()));
    assert_eq!(list[1]["retired"], true);
    assert_eq!(api.get(&format!("{base}/themes"), &office).body, list, "saved as answered");
    // the same label twice is refused, and nothing is written
    let twice = json!({"themes": [{"label": "Online harm"}, {"label": " online harm "}]});
    let r = api.put(&format!("{base}/themes"), &office, &twice);
    assert_eq!((r.status, r.body["fields"][0]["code"].as_str()), (422, Some("duplicate")), "{r:?}");
    assert_eq!(api.get(&format!("{base}/themes"), &office).body, list);
    // nor is an empty list (it would read as the seed again)
    assert_eq!(api.put(&format!("{base}/themes"), &office, &json!({"themes": []})).status, 422);

    // five cases, in different quarters; neglect on three of the last four quarters
    let case = |aware: &str| {
        let r = api.post(&format!("{base}/cases"), &office, &notification("Theme Child", aware));
        assert_eq!(r.status, 201, "{r:?}");
        r.body["id"].as_str().unwrap().to_string()
    };
    let neglect = id_of(&list, "Neglect, including poverty");
    let county = id_of(&list, "County lines");
    let retired = list[1]["id"].as_str().unwrap().to_string();
    let tag = |case: &str, ids: Vec<&str>| {
        api.put(&format!("{base}/cases/{case}/themes"), &office, &json!({ "theme_ids": ids }))
    };
    for (aware, ids) in [
        ("2025-09-01", vec![neglect.as_str()]),
        ("2026-02-10", vec![neglect.as_str()]),
        ("2026-05-05", vec![neglect.as_str(), county.as_str()]),
        ("2026-11-02", vec![neglect.as_str()]),
    ] {
        let c = case(aware);
        let r = tag(&c, ids.clone());
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body.as_array().unwrap().len(), ids.len());
    }
    let one = case("2026-08-03");
    assert_eq!(tag(&one, vec![county.as_str()]).status, 200);
    let r = api.get(&format!("{base}/cases/{one}/themes"), &office);
    assert_eq!(labels(&r.body), ["County lines"]);
    // a retired theme, one not on the list, one twice: refused
    let codes = |r: Reply| {
        r.body["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(codes(tag(&one, vec![retired.as_str()])), ["retired"]);
    assert_eq!(codes(tag(&one, vec![&uuid::Uuid::new_v4().to_string()])), ["unknown"]);
    assert_eq!(codes(tag(&one, vec![county.as_str(), county.as_str()])), ["duplicate"]);
    assert_eq!(tag(&uuid::Uuid::new_v4().to_string(), vec![]).status, 404);

    // over the eight quarters to 2026 Q4
    let r = api.get(&format!("{base}/themes/over-time?to=2026-Q4&quarters=8"), &office);
    assert_eq!(r.status, 200, "{r:?}");
    let quarters: Vec<String> =
        r.body["quarters"].as_array().unwrap().iter().map(|q| format!("{}-Q{}", q["year"], q["q"])).collect();
    assert_eq!(quarters, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    let shown: Vec<(String, Value, bool)> = r.body["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["label"].as_str().unwrap().to_string(), t["by_quarter"].clone(), t["recurrent"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Neglect, including poverty".to_string(), json!([0, 0, 1, 0, 1, 1, 0, 1]), true),
            ("County lines".to_string(), json!([0, 0, 0, 0, 0, 1, 1, 0]), false),
        ]
    );
    for bad in ["to=2026-Q5", "quarters=0", "quarters=21"] {
        assert_eq!(api.get(&format!("{base}/themes/over-time?{bad}"), &office).status, 400, "{bad}");
    }

    // a theme tagged on a case cannot leave the list: it is retired instead
    let without: Vec<Value> =
        list.as_array().unwrap().iter().filter(|t| t["label"] != "County lines").cloned().collect();
    let r = api.put(&format!("{base}/themes"), &office, &json!({ "themes": without }));
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(api.get(&format!("{base}/themes"), &office).body, list, "nothing written");
}
