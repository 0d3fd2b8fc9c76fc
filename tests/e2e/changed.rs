//! "What changed": versions and readings compared exactly, with witnesses that open in the
//! editor.

use super::*;

/// The relation's sentence, or "" while the panel shows none.
async fn relation(wd: &WebDriver) -> String {
    if count(wd, "[data-testid=\"relation\"]").await == 0 {
        return String::new();
    }
    text_of(wd, "[data-testid=\"relation\"]").await
}

/// The seed story's two questions: the 2026-02 version's letter against its spirit, and what
/// the 2026-04 amendment changed. Expected by hand from the record (core/fixtures/relate):
/// the spirit of v4 is stricter (a model on AWS behind an Azure endpoint), and v4 and v5 are
/// incomparable under the letter (v4 forbids a stateless API on AWS, which v5 lets run on any
/// cloud; v5 forbids a new product that did not ship first on Azure). A witness opens beside
/// the user's own work, with the verdicts it was shown with.
#[tokio::test(flavor = "multi_thread")]
async fn what_changed_answers_the_seed_questions_and_a_witness_opens_with_its_verdicts() {
    run("changed", |wd, server| async move {
        open(&wd, &server).await;
        let page = Page::new(&wd);
        page.click("[data-testid=\"what-changed\"]").await;
        wait_for("the letter and spirit of v4 compared", || async {
            relation(&wd).await.starts_with(
                "V4 (spirit) is stricter: it forbids everything V4 (letter) forbids, and more.",
            )
        })
        .await;
        assert_eq!(page.count("[data-testid=\"witness\"]").await, 1);
        assert_eq!(page.count("[data-forbids=\"v4-spirit\"]").await, 1);
        page.shot("70-what-changed.png").await;
        page.click(".changed .questions button:nth-child(2)").await;
        wait_for("the amendment compared under the letter", || async {
            relation(&wd)
                .await
                .starts_with("Neither is stricter: V4 (letter) and V5 (letter)")
        })
        .await;
        assert_eq!(page.count("[data-forbids=\"v4-letter\"]").await, 1);
        assert_eq!(page.count("[data-forbids=\"v5-letter\"]").await, 1);
        // The witness v5 forbids and v4 allows, opened in the editor.
        let world = "return document.querySelector('g.world').getAttribute('transform')";
        let view = |wd: WebDriver| async move {
            wd.execute(world, vec![])
                .await
                .expect("the view")
                .json()
                .to_string()
        };
        let own_view = view(wd.clone()).await;
        page.click("[data-forbids=\"v5-letter\"] button").await;
        page.wait_verdict("v5-letter", "breach").await;
        assert_eq!(page.verdict("v4-letter").await, "complies");
        assert!(
            text_of(&wd, ".banner")
                .await
                .contains("Your own work is kept"),
            "it opens beside the user's work"
        );
        page.shot("71-witness-opened.png").await;
        // Back to the user's work: the seed scenario's verdicts again.
        wd.find(By::XPath("//button[normalize-space()='Back to my work']"))
            .await
            .expect("back button")
            .click()
            .await
            .expect("go back");
        page.wait_verdict("v4-letter", "breach").await;
        wait_for("the own work's view again", || async {
            view(wd.clone()).await == own_view
        })
        .await;
        // The share link carries the comparison shown; unticked, it carries the scenario only.
        let link = page.share_link().await;
        assert!(
            link.ends_with("&compare=v4:letter,v5:letter"),
            "the link opens What changed: {link}"
        );
        page.click("[data-testid=\"share-compare\"]").await;
        wait_for("the link without the comparison", || async {
            let value = page
                .find("[data-testid=\"share-link\"]")
                .await
                .prop("value")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            value.contains('#') && !value.contains("compare=")
        })
        .await;
        page.press(Key::Escape).await;
        // A link that carries only a comparison opens the panel on it, over the user's work.
        page.click("details.changed summary").await;
        wait_for("the panel closed", || async {
            page.count("[data-testid=\"relation\"]").await == 0
        })
        .await;
        wd.goto(format!("{}#compare=v4:spirit,v5:spirit", server.url()))
            .await
            .expect("open the comparison link");
        wait_for("the amendment compared under the spirit", || async {
            relation(&wd).await.contains("V4 (spirit) and V5 (spirit)")
        })
        .await;
        assert_eq!(
            page.verdict("v4-letter").await,
            "breach",
            "the user's work is shown"
        );
    })
    .await;
}

/// A clause of the user's own is related to every built-in version once typing pauses (a
/// clause saying what v2's first sentence says: expected by hand from the fixture table), and
/// one press compares it with the disputed version in "What changed".
#[tokio::test(flavor = "multi_thread")]
async fn a_users_clause_is_related_to_the_builtins_and_compared() {
    run("changed-own", |wd, server| async move {
        open(&wd, &server).await;
        let page = Page::new(&wd);
        page.click("[data-testid=\"workbench\"]").await;
        let area = page.find("[data-testid=\"clause-text\"]").await;
        area.click().await.expect("focus");
        area.send_keys("clause same \"The API on Azure\"\n  effective 2026-06-01\n  source \"a draft\"\n  text \"The OpenAI API stays exclusive to Azure.\"\n  owner \"OpenAI\"\n  consumers any\n  channels stateless-api, stateful-api\n  requires served-on azure\nend\n")
            .await
            .expect("type");
        wait_for("the clause related to the built-ins", || async {
            count(&wd, "[data-testid=\"relations\"]").await > 0
                && text_of(&wd, "[data-testid=\"relations\"]").await.contains(
                "Under the letter reading: looser than V1; the same as V2; neither stricter nor looser than V3, V4 and V5.",
            )
        })
        .await;
        page.shot("72-clause-relations.png").await;
        page.click("[data-testid=\"relations\"] button").await;
        wait_for("the clause compared with v4", || async {
            relation(&wd)
                .await
                .starts_with("Neither is stricter: SAME (letter) and V4 (letter)")
        })
        .await;
        assert_eq!(page.count("[data-testid=\"witness\"]").await, 2);
    })
    .await;
}

/// The timeline shows the seed diagram's verdict under each version from its date, a row per
/// reading (by hand from golden: every version breached but v5, undetermined on Frontier's
/// launch facts); a segment chosen with the mouse or the keyboard opens its matrix cell.
#[tokio::test(flavor = "multi_thread")]
async fn the_timeline_shows_each_versions_verdict_and_opens_its_cell() {
    run("timeline", |wd, server| async move {
        open(&wd, &server).await;
        let page = Page::new(&wd);
        let mut labels = Vec::new();
        for seg in wd.find_all(By::Css(".tl-seg")).await.expect("segments") {
            labels.push(
                seg.attr("aria-label")
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
            );
        }
        assert_eq!(
            labels,
            [
                "V1, in force from 2019-07, Letter reading: Breach",
                "V2, in force from 2025-01-21, Letter reading: Breach",
                "V3, in force from 2025-10-28, Letter reading: Breach",
                "V4, in force from 2026-02-27, Letter reading: Breach",
                "V5, in force from 2026-04-27, Letter reading: Undetermined",
                "V1, in force from 2019-07, Spirit reading: Breach",
                "V2, in force from 2025-01-21, Spirit reading: Breach",
                "V3, in force from 2025-10-28, Spirit reading: Breach",
                "V4, in force from 2026-02-27, Spirit reading: Breach",
                "V5, in force from 2026-04-27, Spirit reading: Undetermined",
            ]
        );
        page.click(".tl-seg:nth-of-type(4)").await;
        wait_for("v4 letter chosen", || async {
            count(&wd, "[data-cell=\"v4-letter\"][aria-pressed=\"true\"]").await == 1
        })
        .await;
        wd.execute("document.querySelectorAll('.tl-seg')[6].focus()", vec![])
            .await
            .expect("focus a segment");
        page.press(Key::Enter).await;
        wait_for("v2 spirit chosen", || async {
            count(&wd, "[data-cell=\"v2-spirit\"][aria-pressed=\"true\"]").await == 1
        })
        .await;
    })
    .await;
}

/// A JSON file can carry a comparison: importing it opens the scenario and "What changed" on
/// the comparison it carries.
#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_carries_a_comparison_opens_it() {
    run("changed-file", |wd, server| async move {
        open(&wd, &server).await;
        let sc = dealscope_core::io::link::Scenario {
            name: "Filed".into(),
            diagram: dealscope_core::presets::Preset::find("frontier-aws")
                .expect("a preset")
                .diagram(),
            clauses: String::new(),
        };
        let sides = dealscope_core::io::link::Sides {
            left: ("v2".into(), "letter".into()),
            right: ("v3".into(), "letter".into()),
        };
        let path = shots().join("carries-a-comparison.dealscope.json");
        std::fs::write(
            &path,
            dealscope_core::io::file::to_json_with(&sc, Some(&sides)),
        )
        .expect("write the file");
        Page::new(&wd).click("details.scenarios summary").await;
        wd.find(By::Css("input[type=\"file\"]"))
            .await
            .expect("the file input")
            .send_keys(path.to_string_lossy().to_string())
            .await
            .expect("choose the file");
        wait_for("the comparison the file carries", || async {
            relation(&wd)
                .await
                .starts_with("Neither is stricter: V2 (letter) and V3 (letter)")
        })
        .await;
        let named = "return document.querySelector('.topbar .name input').value === 'Filed'";
        wait_for("the file's scenario shown", || async {
            holds(&wd, named).await
        })
        .await;
    })
    .await;
}
