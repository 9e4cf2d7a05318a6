// Allure 3 configuration of `deploygates report`: the classic (Allure 2) UI as one offline HTML file.
// Its Behaviors tab is the runbook tree (epic = section, feature = step, story = item).
export default {
  name: "Virtue deployment gates",
  output: process.env.REPORT_OUTPUT ?? "reports/html",
  // Trends between runs: every build appends to this file (git-ignored under reports/).
  historyPath: process.env.REPORT_HISTORY ?? "reports/history.jsonl",
  plugins: {
    allure2: { options: { singleFile: true, reportLanguage: "en" } },
  },
};
