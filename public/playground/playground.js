// Starts GraphiQL with the settings the server wrote into the page, and honours links of
// the form /?query=...&variables=... (the explorer's "Open in playground" builds them).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("playground-settings").textContent);
  var workers = settings.workers;
  delete settings.workers;
  var introspection = settings.introspection;
  delete settings.introspection;

  // Monaco's workers are files of the same bundle, served by this server.
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return workers[label] || workers.editorWorkerService;
    },
  };

  var params = new URLSearchParams(window.location.search);
  if (params.get("query")) settings.query = params.get("query");
  if (params.get("variables")) {
    settings.variables = params.get("variables");
    settings.defaultEditorToolsVisibility = "variables";
  }

  // GraphiQL marks each editor tab role="tab" and puts the tab's close button inside it: a
  // control inside a control, which screen readers cannot reach. The tabs become a list of
  // buttons instead, the selected one marked aria-current.
  function plainTabs(root) {
    root.querySelectorAll('[role="tablist"]').forEach(function (list) {
      list.removeAttribute("role");
    });
    root.querySelectorAll(".graphiql-tab").forEach(function (tab) {
      if (tab.hasAttribute("role")) tab.removeAttribute("role");
      var selected = tab.getAttribute("aria-selected");
      if (selected === null) return;
      tab.removeAttribute("aria-selected");
      var button = tab.querySelector("button");
      if (button && selected === "true") button.setAttribute("aria-current", "true");
      else if (button) button.removeAttribute("aria-current");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("playground");
    new MutationObserver(function () {
      plainTabs(root);
    }).observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["role", "aria-selected"],
    });
    if (!introspection) {
      var note = document.createElement("p");
      note.className = "playground-note";
      note.textContent =
        "Schema introspection is off on this server (GRAPHQL_INTROSPECTION=false): queries run, but the docs and autocompletion are empty.";
      document.body.insertBefore(note, document.body.firstChild);
    }
    window.YogaGraphiQL.renderYogaGraphiQL(root, settings);
  });
})();
