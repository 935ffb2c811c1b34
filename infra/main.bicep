// Clinscribe on Azure: Flex Consumption Function App + Durable Task Scheduler + Storage + Speech + Language + OpenAI.
// Managed identity only: no account keys, no connection strings carrying secrets (see docs/azure.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; with the subscription and location it seeds the resourceToken of every name.')
param environmentName string

@minLength(1)
@description('Region of every resource (pick one where Flex Consumption and Durable Task Scheduler are offered).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying user or CI principal: gets data access for the DTS dashboard and debugging.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Azure AI Speech for transcription; false = offline engine (documents only on Azure, see docs).')
param useAzureSpeech bool = true

@description('Azure AI Language (Text Analytics for Health); false = offline clinical NLP engine.')
param useAzureLanguage bool = true

@description('Azure OpenAI for the clinical note; false = deterministic grounded note.')
param useAzureOpenAI bool = true

@description('Region of the Azure OpenAI account (model availability differs by region); empty = location.')
param openAiLocation string = ''
@description('Chat model with structured outputs; check it is offered in the region and deployment type first.')
param openAiModelName string = 'gpt-4.1-mini'
param openAiModelVersion string = '2025-04-14'
@description('Deployment name the app calls (AZURE_OPENAI_DEPLOYMENT).')
param openAiDeploymentName string = 'note'
@description('DataZoneStandard keeps processing (PHI) inside the data zone (EU or US); GlobalStandard may not.')
@allowed(['GlobalStandard', 'Standard', 'DataZoneStandard'])
param openAiDeploymentSku string = 'DataZoneStandard'
@description('Capacity in thousands of tokens per minute.')
@minValue(1)
param openAiDeploymentCapacity int = 30

@allowed(['Consumption', 'Dedicated'])
param dtsSkuName string = 'Consumption'
@description('Task hub name (TASKHUB_NAME, referenced by host.json as %TASKHUB_NAME%).')
param taskHubName string = 'clinscribe'

@description('Node.js on Flex Consumption: 22 (Node 20 reached end of life in April 2026).')
@allowed(['22'])
param nodeVersion string = '22'
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Optional FHIR server that approved bundles are exported to (FHIR_SERVER_URL); empty = no export.')
param fhirServerUrl string = ''
@description('Entra scope for the FHIR server (FHIR_SERVER_SCOPE); empty = the app default.')
param fhirServerScope string = ''
@description('Resource id of an Azure Health Data Services FHIR service the app exports to: the app identity gets FHIR Data Contributor on it. Empty = no role (another FHIR server authorizes the app itself).')
param fhirServiceId string = ''

@description('Client id of the Entra app registration that represents this API; empty = function keys only (AUTH_MODE=keys).')
param entraApiClientId string = ''
@description('Tenant of that app registration; empty = the deployment tenant.')
param entraTenantId string = ''
@description('Accepted token audiences (comma-separated); empty = api://<client id> and the client id.')
param entraAudiences string = ''
@description('Set true only after enabling App Service Authentication on the app: then X-MS-CLIENT-PRINCIPAL is trusted.')
param easyAuthTrusted bool = false
@description('Days audit records stay immutable (time-based retention on the audit container; HIPAA keeps 6 years).')
@minValue(1)
param auditRetentionDays int = 2190

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 10)}'

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    auditRetentionDays: auditRetentionDays
  }
}

module dts 'app/dts.bicep' = {
  name: 'dts'
  scope: rg
  params: {
    name: '${abbrs.durableTaskSchedulers}${resourceToken}'
    taskHubName: taskHubName
    skuName: dtsSkuName
    location: location
    tags: tags
  }
}

module speech 'app/cognitive.bicep' = if (useAzureSpeech) {
  name: 'speech'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesSpeech}${resourceToken}'
    kind: 'SpeechServices'
    skuName: 'S0'
    // Batch transcription reads uploads with the Speech resource's own identity (trusted service access).
    systemAssignedIdentity: true
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module language 'app/cognitive.bicep' = if (useAzureLanguage) {
  name: 'language'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesTextAnalytics}${resourceToken}'
    kind: 'TextAnalytics'
    skuName: 'S'
    systemAssignedIdentity: false
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module openAi 'app/openai.bicep' = if (useAzureOpenAI) {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.openAiAccounts}${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    deploymentName: openAiDeploymentName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSku: openAiDeploymentSku
    capacity: openAiDeploymentCapacity
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    schedulerName: dts.outputs.schedulerName
    taskHubName: dts.outputs.taskHubName
    speechName: useAzureSpeech ? speech.outputs.name : ''
    speechServicePrincipalId: useAzureSpeech ? speech.outputs.principalId : ''
    uploadsContainerName: 'uploads'
    languageName: useAzureLanguage ? language.outputs.name : ''
    openAiName: useAzureOpenAI ? openAi.outputs.name : ''
  }
}

// FHIR export to Azure Health Data Services: the service may live in another resource group or subscription.
// Id form: /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.HealthcareApis/workspaces/{w}/fhirservices/{f}
module fhirRole 'app/fhirRole.bicep' = if (!empty(fhirServiceId)) {
  name: 'fhir-role'
  scope: resourceGroup(split(fhirServiceId, '/')[2], split(fhirServiceId, '/')[4])
  params: {
    workspaceName: split(fhirServiceId, '/')[8]
    fhirServiceName: split(fhirServiceId, '/')[10]
    appPrincipalId: identity.outputs.principalId
  }
}

module settings 'app/settings.bicep' = {
  name: 'settings'
  scope: rg
  params: {
    identityClientId: identity.outputs.clientId
    storageEndpoints: storage.outputs.endpoints
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    schedulerEndpoint: dts.outputs.endpoint
    taskHubName: dts.outputs.taskHubName
    speechEndpoint: useAzureSpeech ? speech.outputs.endpoint : ''
    speechRegion: useAzureSpeech ? speech.outputs.location : ''
    languageEndpoint: useAzureLanguage ? language.outputs.endpoint : ''
    openAiEndpoint: useAzureOpenAI ? openAi.outputs.endpoint : ''
    openAiDeploymentName: useAzureOpenAI ? openAi.outputs.deploymentName : ''
    fhirServerUrl: fhirServerUrl
    fhirServerScope: fhirServerScope
    entraApiClientId: entraApiClientId
    entraTenantId: empty(entraTenantId) ? tenant().tenantId : entraTenantId
    entraAudiences: entraAudiences
    easyAuthTrusted: easyAuthTrusted
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    storageBlobEndpoint: storage.outputs.endpoints.blob
    deploymentContainerName: deploymentContainerName
    nodeVersion: nodeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: settings.outputs.appSettings
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
  // Role assignments first: the host reads storage and DTS with the identity as soon as it starts.
  dependsOn: [rbac]
}

module uploadsEvents 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: '${abbrs.eventGridSystemTopics}uploads-${resourceToken}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output AZURE_FUNCTION_HOSTNAME string = api.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output UPLOADS_SYSTEM_TOPIC_NAME string = uploadsEvents.outputs.name
output UPLOADS_CONTAINER_NAME string = uploadsEvents.outputs.containerName
output BLOB_TRIGGER_FUNCTION_NAME string = 'uploads'
output DTS_DASHBOARD_URL string = dts.outputs.dashboardUrl
output TASKHUB_NAME string = dts.outputs.taskHubName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
