//! Share links: the same scenario anywhere, never over local work, hostile links refused.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn share_link_opens_the_same_scenario_in_a_fresh_profile() {
    let server = Server::start(dist());
    let (_d1, a) = browser("share-a").await;
    a.goto(server.url()).await.expect("open");
    Page::new(&a).wait_verdict("v4-letter", "breach").await;
    choose_preset(&a, "bedrock-stateful").await;
    Page::new(&a).wait_verdict("v4-letter", "complies").await;
    let link = Page::new(&a).share_link().await;
    assert!(link.contains("#3."), "{link}");
    let (labels, cells) = (node_labels(&a).await, verdicts(&a).await);
    a.screenshot(&shots().join("07-share-panel.png"))
        .await
        .expect("shot");
    let _ = a.quit().await;

    let (_d2, b) = browser("share-b").await;
    b.goto(&link).await.expect("open link");
    wait_for("the shared banner", || async {
        count(&b, "[data-testid=\"shared-banner\"]").await == 1
    })
    .await;
    assert_eq!(node_labels(&b).await, labels);
    assert_eq!(verdicts(&b).await, cells);
    b.screenshot(&shots().join("08-opened-link.png"))
        .await
        .expect("shot");
    let _ = b.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_never_overwrites_local_work() {
    run("local-work", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "status-quo").await;
        Page::new(&wd).wait_verdict("v1-letter", "complies").await;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // autosave
        let own = node_labels(&wd).await;

        let shared = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "Frontier deal".into(),
            diagram: dealscope_core::presets::Preset::find("frontier-aws")
                .unwrap()
                .diagram(),
            clauses: String::new(),
        });
        wd.goto(format!("{}#{shared}", server.url()))
            .await
            .expect("open link");
        wait_for("the shared banner", || async {
            count(&wd, "[data-testid=\"shared-banner\"]").await == 1
        })
        .await;
        Page::new(&wd).wait_verdict("v4-letter", "breach").await;
        // Back to my work: the status quo is still there.
        wd.find(By::XPath("//button[text()='Back to my work']"))
            .await
            .expect("back")
            .click()
            .await
            .expect("click");
        Page::new(&wd).wait_verdict("v1-letter", "complies").await;
        assert_eq!(node_labels(&wd).await, own);
        // Open the link again and keep a copy: both survive in My scenarios.
        wd.goto(format!("{}#{shared}", server.url()))
            .await
            .expect("open link");
        wd.refresh().await.expect("reload with the link");
        wait_for("the shared banner", || async {
            count(&wd, "[data-testid=\"shared-banner\"]").await == 1
        })
        .await;
        wd.find(By::XPath("//button[text()='Keep a copy']"))
            .await
            .expect("keep")
            .click()
            .await
            .expect("click");
        wait_for("two saved scenarios", || async {
            count(&wd, ".saves li").await == 2
        })
        .await;
        let saved = text_of(&wd, ".saves").await;
        assert!(
            saved.contains("Frontier deal") && saved.contains("Status quo"),
            "{saved}"
        );
        Page::new(&wd).shot("09-kept-a-copy.png").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_links_show_a_message_and_keep_local_work() {
    run("hostile", |wd, server| async move {
        open(&wd, &server).await;
        choose_preset(&wd, "natsec-aws").await;
        Page::new(&wd).wait_verdict("v3-letter", "complies").await;
        let own = node_labels(&wd).await;
        let good = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "x".into(),
            diagram: dealscope_core::presets::Preset::find("frontier-aws")
                .unwrap()
                .diagram(),
            clauses: String::new(),
        });
        let cases = [
            ("1.", "damaged or cut short"),
            (&good[..good.len() / 2], "could not be opened"),
            ("9.abc", "format version \u{201c}9\u{201d}"),
            ("hello", "does not start with a format version"),
            (
                "1.%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "not valid link text",
            ),
            ("1.AAAA", "damaged"),
        ];
        for (i, (link, want)) in cases.iter().enumerate() {
            wd.goto(format!("{}#{link}", server.url()))
                .await
                .expect("open");
            wd.refresh().await.expect("reload");
            wait_for("the error", || async {
                match wd.find(By::Css(".toast.error")).await {
                    Ok(t) => t.text().await.unwrap_or_default().contains(want),
                    Err(_) => false,
                }
            })
            .await;
            assert_eq!(
                node_labels(&wd).await,
                own,
                "case {i}: local work is untouched"
            );
            assert_eq!(count(&wd, "[data-testid=\"shared-banner\"]").await, 0);
        }
        Page::new(&wd).shot("10-hostile-link.png").await;
        // A label holding markup stays inert text.
        let mut d = dealscope_core::presets::Preset::find("frontier-aws")
            .unwrap()
            .diagram();
        d.components[0].label = "<img src=x onerror=\"document.title='pwned'\">".into();
        let link = dealscope_core::io::link::encode(&dealscope_core::io::link::Scenario {
            name: "<b>x</b>".into(),
            diagram: d,
            clauses: String::new(),
        });
        wd.goto(format!("{}#{link}", server.url()))
            .await
            .expect("open");
        wd.refresh().await.expect("reload");
        wait_for("the shared banner", || async {
            count(&wd, "[data-testid=\"shared-banner\"]").await == 1
        })
        .await;
        assert_eq!(
            count(&wd, "img").await,
            0,
            "no element was created from a label"
        );
        assert_ne!(wd.title().await.unwrap(), "pwned");
        assert!(node_labels(&wd)
            .await
            .iter()
            .any(|l| l.contains("<img src=x")));
    })
    .await;
}

/// The share panel takes focus when it opens, and Escape closes it.
#[tokio::test(flavor = "multi_thread")]
async fn the_share_panel_takes_focus_and_escape_or_a_press_outside_closes_it() {
    run("share-escape", |wd, server| async move {
        open(&wd, &server).await;
        click(&wd, "[data-testid=\"share\"]").await;
        wait_for("focus in the share panel", || async {
            count(&wd, ".popover").await == 1
                && holds(
                    &wd,
                    "return document.activeElement.dataset.testid === 'share-link'",
                )
                .await
        })
        .await;
        // The whole link is selected, and the field shows its start.
        assert!(
            holds(
                &wd,
                "const f = document.activeElement; return f.selectionStart === 0 \
                 && f.selectionEnd === f.value.length && f.scrollWidth > f.clientWidth \
                 && f.scrollLeft === 0",
            )
            .await,
            "the link is selected from its start, which is in sight"
        );
        let page = Page::new(&wd);
        page.press(Key::Escape).await;
        wait_for("the panel to close", || async {
            count(&wd, ".popover").await == 0
        })
        .await;
        // A press inside keeps it open; a press anywhere outside closes it.
        page.share_link().await;
        page.click("[data-testid=\"share-link\"]").await;
        assert_eq!(
            page.count(".popover").await,
            1,
            "a press inside keeps the panel"
        );
        // (Outside the panel, a clear backdrop takes the press: here, the page's middle.)
        page.click(".popover-backdrop").await;
        wait_for("a press outside to close the panel", || async {
            count(&wd, ".popover").await == 0
        })
        .await;
        assert_eq!(page.count(".popover").await, 0);
    })
    .await;
}
