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

  document.addEventListener("DOMContentLoaded", function () {
    if (!introspection) {
      var note = document.createElement("p");
      note.className = "playground-note";
      note.textContent =
        "Schema introspection is off on this server (GRAPHQL_INTROSPECTION=false): queries run, but the docs and autocompletion are empty.";
      document.body.insertBefore(note, document.body.firstChild);
    }
    window.YogaGraphiQL.renderYogaGraphiQL(document.getElementById("playground"), settings);
  });
})();
