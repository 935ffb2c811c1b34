// Host storage + results: blob containers `uploads` (inputs), `encounters` (results) and the Flex deployment
// package container. Entra ID only (no shared keys), no anonymous blob access, TLS 1.2, soft delete.
param name string
param location string
param tags object = {}
param deploymentContainerName string
param logAnalyticsId string
@minValue(1)
param softDeleteDays int = 7
@description('Days each audit record stays immutable (time-based retention with protected append writes).')
param auditRetentionDays int = 2190

var containerNames = ['uploads', 'encounters', deploymentContainerName]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      // AzureServices lets the Speech resource's identity read uploads for batch transcription.
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
      containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    }

    resource containers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: { publicAccess: 'None' }
      }
    ]

    // The PHI access log (src/audit): append blobs under a time-based retention policy. Protected append writes let
    // the app add records while nothing, including an admin, can change or delete one until it expires. The policy
    // is left unlocked so its period can still be raised; lock it once settled (docs/identity.md).
    resource auditContainer 'containers' = {
      name: 'audit'
      properties: { publicAccess: 'None' }

      resource retention 'immutabilityPolicies' = {
        name: 'default'
        properties: {
          immutabilityPeriodSinceCreationInDays: auditRetentionDays
          allowProtectedAppendWrites: true
        }
      }
    }
  }
}

// Write/delete audit logs and metrics only: storage logs record operations and URIs, never request bodies.
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'blob-to-log-analytics'
  scope: account::blobService
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
    metrics: [{ category: 'Transaction', enabled: true }]
  }
}

output id string = account.id
output name string = account.name
output endpoints object = {
  blob: account.properties.primaryEndpoints.blob
  queue: account.properties.primaryEndpoints.queue
  table: account.properties.primaryEndpoints.table
}
