// Small progressive enhancements for the public site; every page works without this file.
(function () {
  "use strict";

  // Gallery: open the large rendition in a modal dialog instead of leaving the page.
  function openLightbox(link) {
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", link.dataset.caption || "图片");

    var close = document.createElement("button");
    close.type = "button";
    close.className = "lightbox__close";
    close.textContent = "关闭";
    close.addEventListener("click", function () {
      dialog.close();
    });

    var image = document.createElement("img");
    image.src = link.href;
    image.alt = link.dataset.caption || "";

    dialog.append(close, image);
    if (link.dataset.caption) {
      var caption = document.createElement("p");
      caption.textContent = link.dataset.caption;
      dialog.append(caption);
    }
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      dialog.remove();
      link.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    close.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-gallery] a");
    if (!link || typeof HTMLDialogElement === "undefined" || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    openLightbox(link);
  });

  // A link to one question (/faq/#faq-12, e.g. from search results) opens its answer.
  function openTargetedDetails() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTargetedDetails);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openTargetedDetails);
  } else {
    openTargetedDetails();
  }
})();
