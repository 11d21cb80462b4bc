// The verdict filter of a text's page (claimcheck/pages.py): show the cards of one verdict.
// Without this script every card shows and the (hidden) buttons never appear.
document.addEventListener("DOMContentLoaded", () => {
  for (const group of document.querySelectorAll(".claim-filter")) {
    const cards = group.parentElement.querySelectorAll(".claim-card");
    const buttons = group.querySelectorAll("button[data-verdict]");
    const show = (verdict) => {
      for (const button of buttons) {
        button.setAttribute("aria-pressed", String(button.dataset.verdict === verdict));
      }
      for (const card of cards) {
        card.hidden = verdict !== "all" && card.dataset.verdict !== verdict;
      }
    };
    for (const button of buttons) {
      button.addEventListener("click", () => show(button.dataset.verdict));
    }
    // A permalink to a card the filter hides shows every card again.
    window.addEventListener("hashchange", () => {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.hidden) {
        show("all");
        target.scrollIntoView();
      }
    });
    group.hidden = false;
  }
});

// The explorer's search panes (DataTables, drawn after the page loads): give their search
// boxes a label and let the keyboard reach their scrolling lists.
document.addEventListener("DOMContentLoaded", () => {
  if (!document.querySelector("[id^='itables_']")) {
    return;
  }
  const fix = () => {
    for (const input of document.querySelectorAll("input.dtsp-search:not([aria-label])")) {
      input.setAttribute("aria-label", input.title || `Search: ${input.placeholder}`);
    }
    for (const list of document.querySelectorAll(".dt-scroll-body:not([tabindex])")) {
      list.tabIndex = 0;
    }
  };
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
});
