// An Azure AI services account (Speech or Language) reachable with Entra ID only: a custom subdomain is what
// makes token auth possible, and local (key) auth is disabled.
param name string
@allowed(['SpeechServices', 'TextAnalytics'])
param kind string
param skuName string
param location string
param tags object = {}
@description('A system-assigned identity for the service itself (Speech batch transcription reads blobs with it).')
param systemAssignedIdentity bool = false
param logAnalyticsId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: kind
  sku: { name: skuName }
  identity: { type: systemAssignedIdentity ? 'SystemAssigned' : 'None' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow' }
  }
}

// Audit (control-plane and key/identity events) and metrics only; no RequestResponse logs for clinical content.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ category: 'Audit', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
output location string = account.location
output principalId string = systemAssignedIdentity ? account.identity.principalId : ''
