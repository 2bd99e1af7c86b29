// Swagger UI for /api/openapi.json; a file of its own, since the pages' policy allows no inline script.
(function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.getAttribute("data-spec"), domNode: root, deepLinking: true });
})();
