//! Verdicts a user can act on: their own clauses, open questions, the amendment's exception.

use super::*;

const MY_CLAUSE: &str = "clause mine \"Every hop on Azure\"\n  effective 2026-06-01\n  text \"Every hop that serves OpenAI models runs on Azure.\"\n  owner \"OpenAI\"\n  channels statefull-api, stateless-api\n  requires routed-through azure every-hop\nend\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_user_clause_with_a_typo_is_diagnosed_fixed_joins_the_matrix_and_travels() {
    let server = Server::start(dist());
    let (_d1, wd) = browser("clause-a").await;
    open(&wd, &server).await;
    Page::new(&wd).click("[data-testid=\"workbench\"]").await;
    let area = wd
        .find(By::Css("[data-testid=\"clause-text\"]"))
        .await
        .expect("editor");
    area.click().await.expect("focus");
    area.send_keys(MY_CLAUSE).await.expect("type");
    wait_for("the diagnostic", || async {
        match wd.find(By::Css("#clause-problems")).await {
            Ok(l) => l
                .text()
                .await
                .unwrap_or_default()
                .contains("Did you mean `stateful-api`?"),
            Err(_) => false,
        }
    })
    .await;
    assert!(
        count(&wd, ".editor .underlay mark").await >= 1,
        "the typo is underlined in place"
    );
    assert_eq!(
        count(&wd, "button.cell").await,
        10,
        "an invalid clause does not join the matrix"
    );
    Page::new(&wd).shot("15-clause-typo.png").await;
    // Fix the typo: select all, type the corrected text.
    area.send_keys(Key::Control + "a")
        .await
        .expect("select all");
    area.send_keys(
        MY_CLAUSE.replace("statefull-api", "stateful-api")
            + "expect mine letter complies\nexpect v4 letter breach\n",
    )
    .await
    .expect("retype");
    wait_for("the matrix to gain a row", || async {
        count(&wd, "button.cell").await == 12
    })
    .await;
    assert_eq!(count(&wd, "#clause-problems li").await, 0);
    assert_eq!(
        Page::new(&wd).verdict("mine-letter").await,
        "breach",
        "Frontier on AWS breaches the new clause"
    );
    // The expectations are re-checked: one is met, one fails with its route.
    let exp = wd
        .find(By::Css("[data-testid=\"expectations\"]"))
        .await
        .expect("expectations")
        .text()
        .await
        .unwrap();
    assert!(exp.contains("1 of 2 failing"), "{exp}");
    assert!(
        exp.contains("expected complies, but it is breach") && exp.contains("Route: Acme Corp"),
        "{exp}"
    );
    assert_eq!(
        count(&wd, "button.cell.missed").await,
        1,
        "the failing cell is flagged in the matrix"
    );
    Page::new(&wd).shot("16-clause-joins.png").await;
    // Share: the clause travels in the link.
    let link = Page::new(&wd).share_link().await;
    assert!(link.contains("#3."), "a version-3 link: {link}");
    let _ = wd.quit().await;

    let (_d2, fresh) = browser("clause-b").await;
    fresh.goto(&link).await.expect("open link");
    wait_for("the shared clause in the matrix", || async {
        count(&fresh, "button.cell").await == 12
    })
    .await;
    assert_eq!(Page::new(&fresh).verdict("mine-letter").await, "breach");
    let text = fresh
        .find(By::Css("[data-testid=\"clause-text\"]"))
        .await
        .unwrap()
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.contains("clause mine"), "{text}");
    let exp = fresh
        .find(By::Css("[data-testid=\"expectations\"]"))
        .await
        .expect("expectations")
        .text()
        .await
        .unwrap();
    assert!(
        exp.contains("1 of 2 failing"),
        "the expectations came along: {exp}"
    );
    let _ = fresh.quit().await;
}

/// An operator that is not set is named as the missing fact; the button takes the user to the
/// field, and setting it decides the verdicts the way the record says.
#[tokio::test(flavor = "multi_thread")]
async fn an_open_operator_is_named_and_setting_it_decides_the_verdicts() {
    run("operator", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "operator-unknown").await;
        Page::new(&wd)
            .wait_verdict("v4-letter", "undetermined")
            .await;
        assert_eq!(
            Page::new(&wd).verdict("v2-letter").await,
            "complies",
            "a product is not the API"
        );
        Page::new(&wd).click("[data-cell=\"v4-letter\"]").await;
        let detail = wd.find(By::Css(".detail")).await.expect("detail");
        wait_for("the open question", || async {
            detail
                .text()
                .await
                .unwrap_or_default()
                .contains("Who runs \u{201c}Agent app\u{201d} is not set")
        })
        .await;
        Page::new(&wd).shot("19-open-operator.png").await;
        Page::new(&wd).click("button[data-missing]").await;
        wait_for_focus(&wd, "id", "operator").await;
        let set = |name: &'static str| {
            let wd = wd.clone();
            async move {
                let field = wd.find(By::Css("#operator")).await.expect("operator field");
                field.clear().await.expect("clear");
                field.send_keys(name).await.expect("type");
                field.send_keys(Key::Enter).await.expect("enter");
                Page::new(&wd).press(Key::Tab).await;
            }
        };
        // OpenAI runs it: a first-party product on AWS, launched there first after the amendment.
        set("OpenAI").await;
        Page::new(&wd).wait_verdict("v4-letter", "breach").await;
        assert_eq!(Page::new(&wd).verdict("v1-letter").await, "breach");
        assert_eq!(Page::new(&wd).verdict("v5-letter").await, "breach");
        assert_eq!(Page::new(&wd).verdict("v2-spirit").await, "breach");
        // The customer runs it for itself: no version binds it.
        set("Acme Corp").await;
        Page::new(&wd).wait_verdict("v4-letter", "complies").await;
        for cell in [
            "v1-letter",
            "v1-spirit",
            "v2-spirit",
            "v4-spirit",
            "v5-letter",
            "v5-spirit",
        ] {
            assert_eq!(Page::new(&wd).verdict(cell).await, "complies", "{cell}");
        }
        Page::new(&wd).shot("20-operator-set.png").await;
    })
    .await;
}

/// The seed's Frontier has no launch dates: under the amendment its hop is flagged "launch
/// not set", as the explanation says, not "not first on Azure", which is not known.
#[tokio::test(flavor = "multi_thread")]
async fn a_hop_whose_launch_is_unknown_is_flagged_so() {
    run("launch-flag", |wd, server| async move {
        open(&wd, &server).await;
        Page::new(&wd).wait_verdict("v5-letter", "undetermined").await;
        Page::new(&wd).click("[data-cell=\"v5-letter\"]").await;
        wait_for("the route's flag", || async {
            count(&wd, ".detail .route .flag").await > 0
        })
        .await;
        let flags = wd
            .execute(
                "return [...document.querySelectorAll('.detail .route .flag')].map(f => f.textContent)",
                vec![],
            )
            .await
            .expect("script")
            .convert::<Vec<String>>()
            .expect("texts");
        assert_eq!(flags, vec!["launch not set".to_string()]);
    })
    .await;
}

/// The amendment's exception: "cannot and chooses not to" (spirit) or "cannot, or chooses not
/// to" (letter); ticking the second condition settles both.
#[tokio::test(flavor = "multi_thread")]
async fn the_amendments_exception_follows_each_readings_connective() {
    run("support", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "amendment-declined").await;
        Page::new(&wd).wait_verdict("v5-spirit", "breach").await;
        assert_eq!(Page::new(&wd).verdict("v5-letter").await, "complies");
        // Select Frontier with a click on its box, then tick "Microsoft cannot support".
        Page::new(&wd)
            .click("g.node[aria-label^=\"Frontier,\"] .body")
            .await;
        Page::new(&wd).click("input[data-support=\"cannot\"]").await;
        Page::new(&wd).wait_verdict("v5-spirit", "complies").await;
        assert_eq!(Page::new(&wd).verdict("v5-letter").await, "complies");
        Page::new(&wd).shot("21-support-exception.png").await;
    })
    .await;
}

/// Whether Frontier is an API product is not in the record: where the diagram's choice decides
/// a verdict, the cell says so and takes the user to the field, and setting it the other way
/// gives the verdict it named (the 2025-10-28 version lets a non-API product run anywhere).
#[tokio::test(flavor = "multi_thread")]
async fn a_product_fact_that_decides_a_verdict_is_named_and_can_be_set() {
    run("fact", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "frontier-via-azure").await;
        Page::new(&wd).wait_verdict("v3-spirit", "breach").await;
        assert!(
            text_of(&wd, ".scenario-note").await.contains("drawn as an API product"),
            "the caption names the choice"
        );
        Page::new(&wd).click("[data-cell=\"v3-spirit\"]").await;
        let detail = wd.find(By::Css(".detail")).await.expect("detail");
        let said = "\u{201c}Frontier\u{201d} is drawn as an API product. If it were not one, the verdict would be Complies, not Breach.";
        wait_for("the deciding fact", || async {
            detail.text().await.unwrap_or_default().contains(said)
        })
        .await;
        // The letter of v3 does not turn on it: nothing is said there.
        Page::new(&wd).click("[data-cell=\"v3-letter\"]").await;
        wait_for("the letter's detail", || async {
            let text = detail.text().await.unwrap_or_default();
            text.contains("Letter reading") && !text.contains("drawn as an API product")
        })
        .await;
        Page::new(&wd).click("[data-cell=\"v3-spirit\"]").await;
        Page::new(&wd).shot("21-deciding-fact.png").await;
        Page::new(&wd).click("button[data-set-fact]").await;
        wait_for_focus(&wd, "name", "Type").await;
        wd.execute(
            "const s = document.activeElement; s.value = '1'; s.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await
        .expect("choose non-API");
        Page::new(&wd).wait_verdict("v3-spirit", "complies").await;
        // The preset's caption said Frontier is drawn as an API product: no longer true. Its
        // band stays, so that the canvas does not move, and says the diagram has changed.
        let note = text_of(&wd, ".scenario-note").await;
        assert!(
            note.starts_with("Changed since it opened as the preset") && !note.contains("API product"),
            "the caption is gone: {note}"
        );
    })
    .await;
}
