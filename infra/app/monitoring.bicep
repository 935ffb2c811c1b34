// Log Analytics + workspace-based Application Insights with local (key) auth disabled: telemetry is sent with
// the app's managed identity (Monitoring Metrics Publisher, see rbac.bicep).
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object = {}
@minValue(30)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
    RetentionInDays: retentionInDays
  }
}

output logAnalyticsId string = logAnalytics.id
output applicationInsightsName string = applicationInsights.name
// The connection string identifies the component; with DisableLocalAuth it grants nothing on its own.
output connectionString string = applicationInsights.properties.ConnectionString
