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

  // GraphiQL sends the whole editor with the name of the operation to run; the first tab
  // holds every example, more tokens than the server parses in one document. Only the named
  // operation and the fragments it spreads are sent, as a client sends one operation.
  function definitions(text) {
    var out = [];
    var depth = 0;
    var start = 0;
    var i = 0;
    while (i < text.length) {
      var c = text[i];
      if (c === "#") {
        while (i < text.length && text[i] !== "\n") i++;
        continue;
      }
      if (c === '"') {
        if (text.startsWith('"""', i)) {
          var close = text.indexOf('"""', i + 3);
          i = close < 0 ? text.length : close + 3;
          continue;
        }
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
        i++;
        continue;
      }
      if (c === "{") depth++;
      if (c === "}" && --depth === 0) {
        out.push(text.slice(start, i + 1));
        start = i + 1;
      }
      i++;
    }
    return depth === 0 &&
      text
        .slice(start)
        .replace(/#[^\n]*/g, "")
        .trim() === ""
      ? out
      : null;
  }

  function head(definition) {
    return definition.replace(/#[^\n]*/g, "").trim();
  }

  function oneOperation(query, operationName) {
    var all = definitions(query);
    if (!all || all.length < 2) return query;
    var named = all.filter(function (d) {
      var match = /^(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(head(d));
      return match && match[2] === operationName;
    });
    if (named.length !== 1) return query;
    var fragments = {};
    all.forEach(function (d) {
      var match = /^fragment\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(head(d));
      if (match) fragments[match[1]] = d;
    });
    var keep = [named[0]];
    for (var k = 0; k < keep.length; k++) {
      var spread = /\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g;
      var m;
      while ((m = spread.exec(head(keep[k])))) {
        var fragment = fragments[m[1]];
        if (m[1] !== "on" && fragment && keep.indexOf(fragment) < 0) keep.push(fragment);
      }
    }
    return keep
      .map(function (d) {
        return d.trim();
      })
      .join("\n\n");
  }

  var send = window.fetch.bind(window);
  window.fetch = function (input, init) {
    try {
      var url = new URL(typeof input === "string" ? input : input.url, window.location.href);
      if (url.pathname === settings.endpoint && init && typeof init.body === "string") {
        var body = JSON.parse(init.body);
        if (body && typeof body.query === "string" && typeof body.operationName === "string") {
          var query = oneOperation(body.query, body.operationName);
          if (query !== body.query) {
            body.query = query;
            init = Object.assign({}, init, { body: JSON.stringify(body) });
          }
        }
      }
    } catch {
      // Anything unexpected is sent as GraphiQL wrote it.
    }
    return send(input, init);
  };

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
