// Swagger UI on the service's own document. No validator (it would send the document to
// validator.swagger.io), and the token typed in "Authorize" is not kept: desks share computers.
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  persistAuthorization: false,
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
