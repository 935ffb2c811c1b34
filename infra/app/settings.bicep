// Every app setting the Function App gets, in one place (read by src/config.ts, host.json and the app's clients).
// Identity-based everywhere: AzureWebJobsStorage__*, the DTS connection string with Authentication=ManagedIdentity,
// AZURE_CLIENT_ID for DefaultAzureCredential (Speech, Language, OpenAI, FHIR). No *_KEY setting is ever set.
// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: the runtime is in api.bicep.
param identityClientId string
param storageEndpoints object
param applicationInsightsConnectionString string
param schedulerEndpoint string
param taskHubName string
param speechEndpoint string = ''
param speechRegion string = ''
param languageEndpoint string = ''
param openAiEndpoint string = ''
param openAiDeploymentName string = ''
param fhirServerUrl string = ''
param fhirServerScope string = ''
param entraApiClientId string = ''
param entraTenantId string = ''
param entraAudiences string = ''
param easyAuthTrusted bool = false

var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageEndpoints.table
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${schedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
  TASKHUB_NAME: taskHubName
  // Flex Consumption has no polling blob trigger: uploads arrive through the Event Grid subscription (postdeploy hook).
  BLOB_TRIGGER_SOURCE: 'EventGrid'
}

// Engines: Azure when its resource is deployed, else the offline engine. Speech stays `auto` (azure-fast when an
// endpoint is set, src/config.ts) so a later app-side choice of batch for long recordings is not overridden.
var speechSettings = empty(speechEndpoint) ? { SPEECH_ENGINE: 'local' } : {
  SPEECH_ENGINE: 'auto'
  SPEECH_ENDPOINT: speechEndpoint
  SPEECH_REGION: speechRegion
}
var languageSettings = empty(languageEndpoint) ? { LANGUAGE_ENGINE: 'local' } : {
  LANGUAGE_ENGINE: 'azure'
  LANGUAGE_ENDPOINT: languageEndpoint
}
var noteSettings = empty(openAiEndpoint) ? { NOTE_ENGINE: 'local' } : {
  NOTE_ENGINE: 'azure-openai'
  AZURE_OPENAI_ENDPOINT: openAiEndpoint
  AZURE_OPENAI_DEPLOYMENT: openAiDeploymentName
}
var fhirSettings = union(
  empty(fhirServerUrl) ? {} : { FHIR_SERVER_URL: fhirServerUrl },
  empty(fhirServerScope) ? {} : { FHIR_SERVER_SCOPE: fhirServerScope }
)

// Users sign in with Entra ID when an API app registration is given (src/identity; docs/identity.md); else keys.
// The audit log goes to append blobs in the `audit` container (immutability policy in storage.bicep).
var identitySettings = empty(entraApiClientId) ? { AUTH_MODE: 'keys', AUDIT_STORE: 'blob' } : {
  AUTH_MODE: 'entra'
  ENTRA_TENANT_ID: entraTenantId
  ENTRA_AUDIENCES: empty(entraAudiences) ? 'api://${entraApiClientId},${entraApiClientId}' : entraAudiences
  EASY_AUTH_TRUSTED: easyAuthTrusted ? 'true' : 'false'
  AUDIT_STORE: 'blob'
}

output appSettings object = union(hostSettings, speechSettings, languageSettings, noteSettings, fhirSettings, identitySettings)
