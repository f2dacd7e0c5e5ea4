/* global window, SwaggerUIBundle */

// A file rather than an inline script, so the page runs under a CSP without 'unsafe-inline'.
window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  // Swagger UI would otherwise send the document to validator.swagger.io.
  validatorUrl: null,
});
