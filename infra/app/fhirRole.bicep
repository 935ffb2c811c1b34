// FHIR Data Contributor for the app identity on an Azure Health Data Services FHIR service, so the export step
// (src/engines/fhir/export.ts, FHIR_SERVER_URL) can post transaction bundles with its Entra token. Deployed into
// the FHIR service's own resource group (see main.bicep).
param workspaceName string
param fhirServiceName string
param appPrincipalId string

var roles = {
  fhirDataContributor: '5a1fc7df-4bf1-4951-a576-89034ee01acd'
}

resource workspace 'Microsoft.HealthcareApis/workspaces@2024-03-31' existing = {
  name: workspaceName
}
resource fhirService 'Microsoft.HealthcareApis/workspaces/fhirservices@2024-03-31' existing = {
  parent: workspace
  name: fhirServiceName
}

resource appFhir 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fhirService.id, appPrincipalId, roles.fhirDataContributor)
  scope: fhirService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.fhirDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}
