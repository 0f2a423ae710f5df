// Suggestions as you type for the search page: a small accessible combobox over /api/v1/search/suggest/.
(function () {
  "use strict";

  var field = document.querySelector("[data-suggest-url]");
  if (!field || !window.fetch) {
    return;
  }
  var input = field.querySelector("input");
  var list = field.querySelector("[role=listbox]");
  var url = field.getAttribute("data-suggest-url");
  var timer = null;
  var active = -1;
  var latest = 0;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(item) {
    if (item.url) {
      window.location.href = item.url;
      return;
    }
    input.value = item.text;
    close();
    input.form.submit();
  }

  function render(items) {
    list.innerHTML = "";
    if (!items.length) {
      close();
      return;
    }
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "search-suggestion-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.text;
      var kind = document.createElement("span");
      kind.className = "search-suggest__kind";
      kind.textContent = item.kind === "query" ? "大家常搜" : "";
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(item);
      });
      option._item = item;
      list.appendChild(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) {
      return;
    }
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var text = input.value.trim();
    if (!text) {
      close();
      return;
    }
    timer = window.setTimeout(function () {
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (request === latest) {
            render(data.suggestions || []);
          }
        })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(list.querySelectorAll("[role=option]")[active]._item);
    } else if (event.key === "Escape") {
      close();
    }
  });

  input.addEventListener("blur", function () {
    window.setTimeout(close, 100);
  });
})();
