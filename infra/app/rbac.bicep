// Data-plane roles, by built-in role definition id (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
// The app identity gets what the host and engines use; a deploying *user* (optional) gets storage and DTS access
// for debugging and the DTS dashboard. A CI service principal gets no data-plane role: it deploys, it never needs
// to read encounters (PHI). Empty names mean the service was not deployed.
param appPrincipalId string
param userPrincipalId string = ''
@allowed(['User', 'ServicePrincipal'])
param userPrincipalType string = 'User'
param storageAccountName string
param applicationInsightsName string
param schedulerName string
param taskHubName string
param speechName string = ''
@description('System-assigned identity of the Speech resource (reads uploads for batch transcription).')
param speechServicePrincipalId string = ''
@description('The container batch transcription reads: the Speech identity can read nothing else.')
param uploadsContainerName string = 'uploads'
param languageName string = ''
param openAiName string = ''

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  durableTaskDataContributor: '0ad04412-c4d5-4796-b79c-f76d14c8d402'
  cognitiveServicesSpeechUser: 'f2dc8367-1007-4938-bd23-fe263f013447'
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908'
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}
var hostStorageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]
var hasUser = !empty(userPrincipalId) && userPrincipalType == 'User'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}
resource uploadsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: uploadsContainerName
}
resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}
resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' existing = {
  name: schedulerName
}
resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' existing = {
  parent: scheduler
  name: taskHubName
}
resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = if (!empty(speechName)) {
  name: speechName
}
resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = if (!empty(languageName)) {
  name: languageName
}
resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = if (!empty(openAiName)) {
  name: openAiName
}

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in hostStorageRoles: {
    name: guid(storage.id, appPrincipalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in hostStorageRoles: if (hasUser) {
    name: guid(storage.id, userPrincipalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

resource appTaskHub 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(taskHub.id, appPrincipalId, roles.durableTaskDataContributor)
  scope: taskHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.durableTaskDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The DTS dashboard signs the user in with Entra ID and needs a data role on the scheduler.
resource userScheduler 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(scheduler.id, userPrincipalId, roles.durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.durableTaskDataContributor)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource appMetrics 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appSpeech 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(speechName)) {
  name: guid(speech.id, appPrincipalId, roles.cognitiveServicesSpeechUser)
  scope: speech
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesSpeechUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource speechReadsUploads 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(speechServicePrincipalId)) {
  name: guid(uploadsContainer.id, speechServicePrincipalId, roles.storageBlobDataReader)
  scope: uploadsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    principalId: speechServicePrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appLanguage 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(languageName)) {
  name: guid(language.id, appPrincipalId, roles.cognitiveServicesUser)
  scope: language
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appOpenAi 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(openAiName)) {
  name: guid(openAi.id, appPrincipalId, roles.cognitiveServicesOpenAIUser)
  scope: openAi
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAIUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}
