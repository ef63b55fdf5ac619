using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using static MotCua.Core.Tests.Dossiers.DossierKit;

namespace MotCua.Core.Tests.Dossiers;

public class HandedInDocumentsTests
{
    private static readonly ProcedureDefinition Birth = new()
    {
        Code = "1.001193", Name = "Đăng ký khai sinh", FieldCode = "ho-tich", CompetentLevel = CompetentLevel.Commune, ProcessingDays = 1,
        OnlineLevel = OnlineLevel.Full, FormFields = [], WorkflowSteps = [],
        RequiredDocuments =
        [
            new RequiredDocument("to-khai", "Tờ khai đăng ký khai sinh", Original: true, Required: true),
            new RequiredDocument("giay-chung-sinh", "Giấy chứng sinh", Original: true, Required: true),
            new RequiredDocument("van-ban-uy-quyen", "Văn bản ủy quyền", Original: true, Required: false),
        ],
    };

    private static Dossier Received(IntakeChannel channel, params string[] papers) =>
        Dossier.Receive(Intake(MondayMorning, channel: channel) with { PapersChecked = papers }, SeedCalendar, MondayMorning);

    [Fact]
    public void Online_the_application_form_is_the_form_filled_in_and_is_not_missing()
    {
        var dossier = Received(IntakeChannel.Online);
        Assert.Equal(["giay-chung-sinh"], HandedInDocuments.Missing(dossier, Birth).Select(d => d.Code));
    }

    [Fact]
    public void At_the_counter_the_papers_checked_count_and_the_optional_ones_are_never_missing()
    {
        Assert.Equal(["to-khai", "giay-chung-sinh"], HandedInDocuments.Missing(Received(IntakeChannel.Counter), Birth).Select(d => d.Code));
        var dossier = Received(IntakeChannel.Counter, "to-khai", "to-khai");
        Assert.Equal(["to-khai"], dossier.PapersChecked);
        Assert.Equal(["giay-chung-sinh"], HandedInDocuments.Missing(dossier, Birth).Select(d => d.Code));
    }

    [Fact]
    public void A_file_attached_for_a_document_counts()
    {
        var dossier = Received(IntakeChannel.Counter, "to-khai");
        dossier.AttachDocument(new DossierDocument { RequiredDocumentCode = "giay-chung-sinh", FileName = "gcs.pdf" });
        Assert.Empty(HandedInDocuments.Missing(dossier, Birth));
        Assert.True(HandedInDocuments.IsApplicationForm(new RequiredDocument("to-khai-ct01", "Tờ khai thay đổi thông tin cư trú", true, true)));
        Assert.False(HandedInDocuments.IsApplicationForm(Birth.RequiredDocuments[1]));
    }
}
